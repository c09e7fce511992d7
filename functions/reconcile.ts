// Lambda entry point of the reconciler (scheduled: finishes runs whose statement status event never came).
export { handler } from '../lib/wiring/reconcile-handler.js';
