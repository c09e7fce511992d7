// Lambda entry point of the status function (Data API status event → audit, archive, post-load SQL, notice).
export { handler } from '../lib/wiring/log-status-handler.js';
