import { useRef, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { Icon } from '../common/icon';
import { IconButton } from '../common/icon-button';
import { runScenarioAction } from './scenario-actions';
import { scenarioCatalog } from './scenario-catalog';
import type { Scenario } from './scenario-types';

/** The scenario being walked through, if any (pinned on top of the durability panel). */
export function ActiveScenario() {
  const scenarioId = useAppStore((state) => state.activeScenarioId);
  const scenario = scenarioCatalog.find((each) => each.id === scenarioId);
  return scenario ? <ScenarioWalkthrough key={scenario.id} scenario={scenario} /> : null;
}

/** A scenario's steps with one-click actions and what to expect; steps done are ticked. */
function ScenarioWalkthrough({ scenario }: { readonly scenario: Scenario }) {
  const setActiveScenario = useAppStore((state) => state.setActiveScenario);
  const openDialog = useAppStore((state) => state.openDialog);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);
  /** The steps scroll on their own: after one is done, the next comes into view. */
  const revealStep = (index: number) =>
    requestAnimationFrame(() => list.current?.children[index]?.scrollIntoView({ block: 'nearest' }));
  return (
    <section className="panel-section active-scenario" aria-label={`Scenario ${scenario.id}`}>
      <header className="panel-section-header">
        <h2>
          Scenario {scenario.id} · {scenario.title}
        </h2>
        <div className="panel-section-actions">
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => openDialog('scenarios')}
          >
            All scenarios
          </button>
          <IconButton icon="close" label="Close the scenario" onClick={() => setActiveScenario(undefined)} />
        </div>
      </header>
      <ol ref={list} className="scenario-steps" aria-label="Steps">
        {scenario.steps.map((step, index) => {
          const key = `${scenario.id}:${index}`;
          return (
            <li key={key} className={done.has(key) ? 'is-done' : undefined}>
              <div className="scenario-step">
                <p>{step.text}</p>
                {step.action && (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy !== undefined}
                    onClick={async () => {
                      setBusy(key);
                      try {
                        await runScenarioAction(step.action!.run);
                        setDone((previous) => new Set(previous).add(key));
                        revealStep(index + 1);
                      } finally {
                        setBusy(undefined);
                      }
                    }}
                  >
                    {done.has(key) ? <Icon name="check" size={12} /> : <Icon name="play" size={12} />}{' '}
                    {step.action.label}
                  </button>
                )}
                {step.expect && <p className="scenario-expect">Expect: {step.expect}</p>}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="scenario-lesson">{scenario.lesson}</p>
    </section>
  );
}
