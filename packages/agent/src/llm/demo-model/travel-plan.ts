/** Marker a follow-up question looks for in the conversation to know the plan was given. */
export const travelPlanMarker = 'Day 1: Arrive in Tokyo';

/** The long reply (well over 300 demo tokens) used to show streaming and durable long runs. */
export const travelPlan = [
  'Here is a detailed day-by-day travel plan for Japan...',
  `${travelPlanMarker} — Start at Shinjuku... Check in near the station, then walk to the Tokyo Metropolitan ` +
    'Government Building for a free view over the city. In the evening, wander the lanes of Omoide Yokocho ' +
    'and try yakitori at a tiny counter bar.',
  'Day 2: Explore Asakusa and Ueno... Visit Senso-ji early, before the crowds, and browse the stalls of ' +
    'Nakamise Street. After lunch, stroll through Ueno Park and spend the afternoon at the Tokyo National ' +
    'Museum. End the day with a river cruise down the Sumida.',
  'Day 3: Harajuku, Shibuya and a day trip option... Walk through the forest to Meiji Shrine, then ' +
    'people-watch on Takeshita Street. Cross the famous Shibuya Scramble at dusk and see the city lights ' +
    'from Shibuya Sky.',
  'Day 4: Hakone and Mount Fuji... Take the Romancecar to Hakone and ride the loop of train, cable car, ' +
    'ropeway and pirate ship across Lake Ashi. On a clear day, Mount Fuji fills the horizon. Stay the night ' +
    'in a ryokan and soak in an onsen.',
  'Day 5: Kyoto temples... Ride the shinkansen to Kyoto. Walk under the thousands of red gates at Fushimi ' +
    'Inari, then climb the slopes of Higashiyama to Kiyomizu-dera. In the evening, look for geiko in the ' +
    'lantern-lit streets of Gion.',
  'Day 6: Arashiyama and Nara... Start in the bamboo grove of Arashiyama before it gets busy, and visit ' +
    'Tenryu-ji garden. In the afternoon, take the train to Nara to meet the friendly deer and stand before ' +
    'the Great Buddha of Todai-ji.',
  'Day 7: Osaka food and departure... Spend your last day in Osaka. Eat takoyaki and okonomiyaki in ' +
    'Dotonbori, admire Osaka Castle from its park, and pick up souvenirs before heading to Kansai Airport. ' +
    'Safe travels!',
].join('\n');
