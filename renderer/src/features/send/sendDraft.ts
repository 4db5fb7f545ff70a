import { tester } from '../../api/tester';
import { useAppStore } from '../app/appStore';
import { selectSendBlockReason, useDraftStore } from '../editor/draftStore';
import { useLifecycleStore } from '../lifecycle/lifecycleStore';
import { useTargetsStore } from './targetsStore';

let counter = 0;
function newSendId(): string {
  counter += 1;
  return `send-${Date.now().toString(36)}-${counter}`;
}

/** Sends (or dry-runs) the current draft to the selected target and feeds the lifecycle panel. */
export async function sendDraft(dryRun: boolean): Promise<void> {
  const draft = useDraftStore.getState();
  const lifecycle = useLifecycleStore.getState();
  const { selectedId } = useTargetsStore.getState();
  if (lifecycle.phase === 'sending' || selectSendBlockReason(draft) !== null || !selectedId) return;

  const sendId = newSendId();
  lifecycle.beginSend(sendId, dryRun);
  const result = await tester.sendEvent({ event: draft.event, targetId: selectedId, dryRun, sendId });
  if (result.ok) {
    useLifecycleStore.getState().finish(sendId, result.value);
  } else {
    useLifecycleStore.getState().fail(sendId, result.error.message);
    useAppStore.getState().reportError(`${dryRun ? 'Dry run' : 'Send'} failed: ${result.error.message}`);
  }
}
