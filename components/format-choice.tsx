'use client';
// The radio group that picks how an article arrives (text, Markdown, HTML, a web address), shared
// by the import form and the update form so both read and behave the same.
import type { ImportFormat } from './api-client';

export interface FormatOption {
  value: ImportFormat;
  label: string;
}

export function FormatChoice({ legend, options, value, onChange }: { legend: string; options: FormatOption[]; value: ImportFormat; onChange: (format: ImportFormat) => void }) {
  return (
    <fieldset className="format-choice">
      <legend>{legend}</legend>
      {options.map((f) => (
        <label key={f.value}>
          <input type="radio" name="format" value={f.value} checked={value === f.value} onChange={() => onChange(f.value)} /> {f.label}
        </label>
      ))}
    </fieldset>
  );
}
