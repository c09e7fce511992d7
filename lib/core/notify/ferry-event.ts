// Ferry's own lifecycle event on EventBridge: what downstream rules match to start work on "file X loaded".
import type { FileStatusMessage } from '../../ports/notifier.js';
import { statusPayload } from './status-payload.js';

export const ferryEventSource = 'ferry';
export const ferryEventDetailType = 'Ferry File Status Change';

export interface FerryEvent {
  Source: typeof ferryEventSource;
  DetailType: typeof ferryEventDetailType;
  /** The structured payload as JSON text, as PutEvents takes it. */
  Detail: string;
  EventBusName: string;
}

export function ferryEvent(message: FileStatusMessage, eventBusName: string): FerryEvent {
  return {
    Source: ferryEventSource,
    DetailType: ferryEventDetailType,
    Detail: JSON.stringify(statusPayload(message)),
    EventBusName: eventBusName,
  };
}
