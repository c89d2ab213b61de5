export { DurableHttpAgent } from './durable-http-agent';
