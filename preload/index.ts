/**
 * The sandboxed preload: exposes `window.desk`, one named function per contract channel plus event
 * subscriptions. The renderer never gets ipcRenderer itself or a generic invoke, so it can only ask for what the
 * contract names; main validates every request again.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, ipcChannel, ipcEvent, type DeskApi, type EventName } from './contract.ts';

const invokers = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request)]),
);

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!EVENT_NAMES.includes(event)) throw new Error(`"${String(event)}" is not an app event.`);
  if (typeof listener !== 'function') throw new Error('An event listener must be a function.');
  // The wrapper keeps the IPC event object (and with it the sender) away from the renderer.
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  const channel = ipcEvent(event);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const desk = { ...invokers, on } as unknown as DeskApi;
contextBridge.exposeInMainWorld('desk', desk);
