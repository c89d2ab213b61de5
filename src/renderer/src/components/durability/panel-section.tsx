import type { ReactNode } from 'react';

/** A titled section of the durability panel, with optional actions on the title row. */
export function PanelSection({
  title,
  actions,
  children,
  label,
}: {
  readonly title: string;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly label?: string;
}) {
  return (
    <section className="panel-section" aria-label={label ?? title}>
      <header className="panel-section-header">
        <h2>{title}</h2>
        {actions && <div className="panel-section-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
