// Lambda entry point of the processing function (S3 ObjectCreated event → submitted loads).
export { handler } from '../lib/wiring/process-file-handler.js';
