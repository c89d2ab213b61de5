import type { FormEvent } from 'react';

/** A form's `onSubmit`: keeps the page from reloading, then runs `action` (which reports its own failures). */
export function submitted(action: () => unknown): (event: FormEvent) => void {
  return (event) => {
    event.preventDefault();
    void action();
  };
}
