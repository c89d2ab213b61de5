import { type ReactNode, useEffect, useRef } from 'react';
import { IconButton } from './icon-button';

/**
 * A native modal <dialog> (focus trapped, Esc closes) with a title bar and a close button; closed, focus
 * goes back to what opened it.
 */
export function ModalDialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly wide?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className={`modal${wide ? ' modal-wide' : ''}`}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="modal-header">
        <h2>{title}</h2>
        <IconButton icon="close" label="Close" size={16} onClick={onClose} />
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
