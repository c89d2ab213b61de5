import { writeFile } from 'node:fs/promises';
import { app, BrowserWindow, dialog } from 'electron';
import type { ExportFile, SavedExport } from '../shared/export-models';

/** The desktop app's Export: a native save dialog (in Documents, named after the conversation), then the file. */
export async function saveExportDialog(file: ExportFile): Promise<SavedExport> {
  const extension = file.fileName.split('.').pop() ?? 'txt';
  const options = {
    title: 'Export conversation',
    defaultPath: `${app.getPath('documents')}/${file.fileName}`,
    filters: [{ name: extension === 'json' ? 'JSON export' : 'Markdown', extensions: [extension] }],
  };
  const window = BrowserWindow.getFocusedWindow();
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false };
  await writeFile(choice.filePath, file.text);
  return { saved: true, path: choice.filePath };
}
