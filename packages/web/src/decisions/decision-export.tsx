// Exporting the decision log as CSV or markdown: the server makes the file's text; the browser saves it
// from a Blob link (no navigation, nothing inline). The link stays, to download again.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { ErrorMessage } from '../ui/error-message';
import type { LogFilters } from './types';

interface Prepared {
  url: string;
  filename: string;
}

/** Saves `url` as `filename` through a temporary link. */
function download(prepared: Prepared) {
  const link = document.createElement('a');
  link.href = prepared.url;
  link.download = prepared.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** The two export buttons, for the log's current filters. */
export function DecisionExport({ filters }: { filters: LogFilters }) {
  const { client } = useApi();
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  // A replaced or unmounted file's Blob is let go.
  useEffect(
    () => () => {
      if (prepared) URL.revokeObjectURL(prepared.url);
    },
    [prepared],
  );
  const exportLog = useMutation({
    mutationFn: async (format: 'csv' | 'markdown') =>
      expectData(
        await client.GET('/api/v1/decision-log/export', { params: { query: { format, ...filters } } }),
      ),
    onSuccess: (file) => {
      const next = {
        url: URL.createObjectURL(new Blob([file.content], { type: file.contentType })),
        filename: file.filename,
      };
      setPrepared(next);
      download(next);
    },
  });
  return (
    <div className="decision-export">
      <button type="button" onClick={() => exportLog.mutate('csv')} disabled={exportLog.isPending}>
        Export CSV
      </button>
      <button type="button" onClick={() => exportLog.mutate('markdown')} disabled={exportLog.isPending}>
        Export markdown
      </button>
      {prepared ? (
        <a href={prepared.url} download={prepared.filename}>
          Download {prepared.filename} again
        </a>
      ) : null}
      <ErrorMessage error={exportLog.error} />
    </div>
  );
}
