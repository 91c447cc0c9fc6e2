// The scenario editor: the YAML in a text area with its validation errors beside it (path
// and message, each pointing at its line), autosaved in the browser; edits re-run after a
// pause in typing.
import type { ScenarioError } from '../scenario';
import { el } from './element';

const STORAGE_KEY = 'drsim.editor.v1';
const RERUN_AFTER_MS = 700;

export class EditorPanel {
  readonly root = el('div', { class: 'pane editor-pane' });
  private readonly label = el('div', { class: 'pane-note' });
  private readonly text = el('textarea', { class: 'editor', 'data-testid': 'editor', spellcheck: 'false', 'aria-label': 'Scenario YAML' });
  private readonly errors = el('ul', { class: 'editor-errors', 'data-testid': 'editor-errors' });
  private timer = 0;

  constructor(private readonly onEdit: (text: string) => void) {
    const saved = safeStorage()?.getItem(STORAGE_KEY);
    if (saved) this.text.value = saved;
    this.text.addEventListener('input', () => {
      safeStorage()?.setItem(STORAGE_KEY, this.text.value);
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.onEdit(this.text.value), RERUN_AFTER_MS);
    });
    this.text.addEventListener('keydown', (e) => {
      if (e.key === 'Tab') {
        e.preventDefault();
        this.text.setRangeText('  ', this.text.selectionStart, this.text.selectionEnd, 'end');
      }
    });
    const run = el('button', { class: 'btn primary', 'data-testid': 'editor-run' }, 'Run this scenario');
    run.addEventListener('click', () => {
      // Run now, and not once more when the pause after the last keystroke ends.
      clearTimeout(this.timer);
      this.onEdit(this.text.value);
    });
    this.root.append(el('div', { class: 'pane-head' }, this.label, run), this.text, this.errors);
  }

  /** Shows a scenario opened elsewhere (sample, file, link); autosaved like an edit. */
  setText(text: string, label: string): void {
    this.text.value = text;
    this.label.textContent = `Editing: ${label}`;
    safeStorage()?.setItem(STORAGE_KEY, text);
  }

  showErrors(errors: ScenarioError[]): void {
    this.errors.replaceChildren(
      ...errors.map((e) => {
        const item = el('li', {}, el('code', { class: 'path' }, e.path || '(file)'), el('span', {}, e.found ? `found ${e.found}, expected ${e.expected}` : e.message));
        if (e.line) {
          item.append(el('span', { class: 'line' }, `line ${e.line}`));
          item.addEventListener('click', () => this.goToLine(e.line!));
        }
        return item;
      }),
    );
    this.errors.classList.toggle('has-errors', errors.length > 0);
  }

  private goToLine(line: number): void {
    const lines = this.text.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    this.text.focus();
    this.text.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  }
}

/** localStorage, or null where the browser refuses it (private modes, sandboxed frames). */
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
