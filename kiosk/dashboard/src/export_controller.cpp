#include "export_controller.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>

namespace lanyard::dashboard {

using client::AttendanceClient;
using client::ExportChunk;
using client::ExportFormat;
using client::ExportList;
using client::ExportRequest;
using client::ExportResult;
using client::Reply;

namespace {

QString baseName(ExportController::List list) {
  switch (list) {
    case ExportController::List::CheckedIn:
      return QStringLiteral("attendees-checked-in");
    case ExportController::List::Absent:
      return QStringLiteral("attendees-absent");
    case ExportController::List::ScanLog:
      return QStringLiteral("scan-log");
    case ExportController::List::AllAttendees:
      break;
  }
  return QStringLiteral("attendees-all");
}

}  // namespace

ExportController::ExportController(AttendanceClient& client, QString folder, QObject* parent)
    : QObject(parent), m_client(client), m_folder(std::move(folder)) {}

ExportController::~ExportController() {
  m_stream.reset();
  if (m_file) m_file->cancelWriting();
}

QString ExportController::suggestedPath(List list, Format format) const {
  return QDir(m_folder).filePath(baseName(list) +
                                 (format == Format::Xlsx ? QStringLiteral(".xlsx") : QStringLiteral(".csv")));
}

QUrl ExportController::folderUrl(const QString& path) const {
  const QFileInfo info(QDir::fromNativeSeparators(path.trimmed()));
  const QString folder = path.trimmed().isEmpty() ? m_folder
                         : info.isDir()           ? info.absoluteFilePath()
                                                  : info.absolutePath();
  return QUrl::fromLocalFile(QDir(folder).exists() ? folder : m_folder);
}

void ExportController::start(List list, qint64 sessionId, const QString& category, Format format,
                             const QString& delimiter, bool byteOrderMark, const QString& path) {
  if (busy()) return;
  const QString target = QDir::fromNativeSeparators(path.trimmed());
  if (target.isEmpty()) return finish(false, QStringLiteral("Choose a file to save to."));
  const QFileInfo info(target);
  if (!info.isDir() && !info.absoluteDir().exists()) {
    return finish(false, QStringLiteral("The folder %1 does not exist.").arg(info.absolutePath()));
  }
  if (delimiter != QStringLiteral(",") && delimiter != QStringLiteral(";")) {
    return finish(false, QStringLiteral("The delimiter must be a comma or a semicolon."));
  }
  m_target = target;
  m_fallbackName = QFileInfo(suggestedPath(list, format)).fileName();
  m_savedPath.clear();

  ExportRequest request;
  request.list = static_cast<ExportList>(list);
  request.format = static_cast<ExportFormat>(format);
  if (list != List::ScanLog) {
    request.sessionId = sessionId;
    request.category = category;
  }
  request.delimiter = delimiter;
  request.byteOrderMark = byteOrderMark;
  m_message = QStringLiteral("Exporting\u2026");
  m_failed = false;
  emit messageChanged();
  m_stream = m_client.exportFile(
      request, this, [this](const ExportChunk& chunk) { onChunk(chunk); },
      [this](const Reply<ExportResult>& reply) { onDone(reply); });
  emit busyChanged();
}

void ExportController::cancel() {
  if (!busy()) return;
  finish(false, QStringLiteral("Export cancelled; nothing was saved."));
}

bool ExportController::openFile(const QString& suggestedName) {
  const QFileInfo info(m_target);
  const QString path =
      info.isDir() ? QDir(m_target).filePath(suggestedName.isEmpty() ? m_fallbackName : suggestedName) : m_target;
  // QSaveFile writes a temporary file beside `path` and renames it over `path` on commit().
  m_file = std::make_unique<QSaveFile>(path);
  // Names and e-mails: for the owner's eyes only (0600), set before anything is written and kept
  // by the rename, whatever mode an older file at `path` had.
  if (!m_file->open(QIODevice::WriteOnly) ||
      !m_file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
    finish(false, QStringLiteral("Cannot write %1: %2").arg(path, m_file->errorString()));
    return false;
  }
  return true;
}

void ExportController::onChunk(const ExportChunk& chunk) {
  if (!m_file && !openFile(QFileInfo(chunk.fileName).fileName())) return;
  if (m_file->write(chunk.data) != chunk.data.size()) {
    finish(false, QStringLiteral("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
  }
}

void ExportController::onDone(const Reply<ExportResult>& reply) {
  if (!reply.ok()) return finish(false, QStringLiteral("Export failed: %1").arg(reply.error->message));
  if (!m_file && !openFile(QString())) return;
  const QString path = m_file->fileName();
  if (!m_file->commit()) {
    return finish(false, QStringLiteral("Cannot save %1: %2").arg(path, m_file->errorString()));
  }
  m_file.reset();
  finish(true,
         QStringLiteral("Saved %1 %2 to %3")
             .arg(reply.value.rowCount)
             .arg(reply.value.rowCount == 1 ? QStringLiteral("row") : QStringLiteral("rows"), path),
         path);
}

void ExportController::finish(bool ok, const QString& message, const QString& savedPath) {
  const bool wasBusy = busy();
  m_stream.reset();
  if (m_file) {
    m_file->cancelWriting();  // Removes the temporary file; the target is untouched.
    m_file.reset();
  }
  m_message = message;
  m_failed = !ok;
  m_savedPath = savedPath;
  emit messageChanged();
  if (wasBusy) emit busyChanged();
  emit finished(ok);
}

}  // namespace lanyard::dashboard
