import * as vscode from 'vscode';

const SAMPLE = `-- Loch sample queries: put the cursor in a statement and press Ctrl+Enter (or click Run).
SELECT orderpriority, count(*) AS orders, round(sum(totalprice), 2) AS revenue
FROM demo.orders
GROUP BY orderpriority
ORDER BY orderpriority;

SELECT sensor_id, round(avg(temperature), 2) AS avg_temperature
FROM demo.sensor_readings
GROUP BY sensor_id
ORDER BY sensor_id;

SELECT * FROM demo.lineitem LIMIT 20;
`;

/** Opens sample queries over lake.demo (the current ref's catalog is the session catalog). */
export async function openSamples(_context: vscode.ExtensionContext): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: SAMPLE });
  await vscode.window.showTextDocument(doc);
}
