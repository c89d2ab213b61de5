/** The topic of the peer run's workflow stream that its model call publishes the raw stream parts to. */
export const PEER_TOPIC = 'model-parts';
