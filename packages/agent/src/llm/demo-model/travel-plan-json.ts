/** The travel plan as structured output (`response_format: { type: 'json_schema' }`). */
export const travelPlanJson = {
  days: [
    { day: 1, city: 'Tokyo', plan: 'Arrive in Tokyo, start at Shinjuku and see the city from above.' },
    { day: 2, city: 'Tokyo', plan: 'Explore Asakusa and Ueno: Senso-ji, Ueno Park, a Sumida river cruise.' },
    { day: 3, city: 'Tokyo', plan: 'Harajuku and Shibuya: Meiji Shrine, Takeshita Street, the Scramble.' },
    { day: 4, city: 'Hakone', plan: 'Lake Ashi, the ropeway and Mount Fuji; a night in a ryokan.' },
    { day: 5, city: 'Kyoto', plan: 'Fushimi Inari, Kiyomizu-dera and an evening in Gion.' },
    { day: 6, city: 'Nara', plan: 'Arashiyama bamboo grove in the morning, the deer of Nara after lunch.' },
    { day: 7, city: 'Osaka', plan: 'Dotonbori food, Osaka Castle, then Kansai Airport.' },
  ],
} as const;

/** What a sloppy first try looks like: the day as a word, no plan. */
export const sloppyTravelPlanJson = { days: [{ day: 'one', city: 'Tokyo' }] } as const;
