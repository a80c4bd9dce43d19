#include "stored_calls.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include "proto_convert.h"

namespace lanyard::kiosk::offline {
namespace {

std::optional<QJsonObject> objectOf(const QByteArray& json) {
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(json, &error);
  if (error.error != QJsonParseError::NoError || !document.isObject()) return std::nullopt;
  return document.object();
}

QByteArray compact(const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

// Microsecond times exceed a double's exact integers only after the year 2255; as text anyway.
QString number(qint64 value) { return QString::number(value); }
qint64 numberOf(const QJsonValue& value) { return value.toString().toLongLong(); }

}  // namespace

QByteArray eventInfoToJson(const client::EventInfo& event) {
  QJsonArray categories;
  for (const client::Category& category : event.categories) {
    categories.append(QJsonObject{{"name", category.name}, {"label", category.label}, {"colour", category.colour}});
  }
  return compact(QJsonObject{
      {"name", event.name},
      {"time_zone", event.timeZone},
      {"end_date", event.endDate},
      {"default_language", event.defaultLanguage},
      {"badge_public_key", QString::fromLatin1(event.badgePublicKey.toBase64())},
      {"device_name", event.deviceName},
      {"device_may_run_kiosk", event.deviceMayRunKiosk},
      {"categories", categories},
      {"name_proof_length", event.nameProofLength},
      {"staff_mode", event.staffMode},
      {"session_grace_minutes", event.sessionGraceMinutes},
      {"shortest_code_length", event.shortestCodeLength},
  });
}

std::optional<client::EventInfo> eventInfoFromJson(const QByteArray& json) {
  const auto object = objectOf(json);
  if (!object) return std::nullopt;
  client::EventInfo event;
  event.name = (*object)["name"].toString();
  event.timeZone = (*object)["time_zone"].toString();
  event.endDate = (*object)["end_date"].toString();
  event.defaultLanguage = (*object)["default_language"].toString();
  event.badgePublicKey = QByteArray::fromBase64((*object)["badge_public_key"].toString().toLatin1());
  event.deviceName = (*object)["device_name"].toString();
  event.deviceMayRunKiosk = (*object)["device_may_run_kiosk"].toBool();
  for (const QJsonValue value : (*object)["categories"].toArray()) {
    const QJsonObject category = value.toObject();
    event.categories.append({category["name"].toString(), category["label"].toString(), category["colour"].toString()});
  }
  event.nameProofLength = (*object)["name_proof_length"].toInt();
  event.staffMode = (*object)["staff_mode"].toBool();
  event.sessionGraceMinutes = (*object)["session_grace_minutes"].toInt(15);
  event.shortestCodeLength = (*object)["shortest_code_length"].toInt();
  if (event.name.isEmpty() || event.timeZone.isEmpty()) return std::nullopt;
  return event;
}

QByteArray checkInToJson(const client::CheckInRequest& request) {
  QJsonObject object{
      {"request_id", request.requestId},
      {"scan_time_us", number(request.scanTimeUs)},
      {"code", request.code},
      {"delegate_id", number(request.delegateId)},
      {"proof", request.proof},
      {"session_id", number(request.sessionId)},
      {"check_out", request.checkOut},
  };
  // The protocol's number: frozen, where this build's enum may be reordered.
  if (request.offlineOutcome) object.insert("offline_outcome", client::toProtoOutcome(*request.offlineOutcome));
  return compact(object);
}

std::optional<client::CheckInRequest> checkInFromJson(const QByteArray& json) {
  const auto object = objectOf(json);
  if (!object || !(*object)["request_id"].isString()) return std::nullopt;
  client::CheckInRequest request;
  request.requestId = (*object)["request_id"].toString();
  request.scanTimeUs = numberOf((*object)["scan_time_us"]);
  request.code = (*object)["code"].toString();
  request.delegateId = numberOf((*object)["delegate_id"]);
  request.proof = (*object)["proof"].toString();
  request.sessionId = numberOf((*object)["session_id"]);
  request.checkOut = (*object)["check_out"].toBool();
  if (object->contains("offline_outcome")) {
    const int outcome = (*object)["offline_outcome"].toInt(-1);
    if (!lanyard::v1::CheckInOutcome_IsValid(outcome)) return std::nullopt;
    request.offlineOutcome = client::toOutcome(static_cast<lanyard::v1::CheckInOutcome>(outcome));
  }
  return request;
}

QByteArray badgePrintToJson(const client::BadgePrintRecord& record) {
  return compact(QJsonObject{{"delegate_id", number(record.delegateId)},
                             {"success", record.success},
                             {"error", record.error},
                             {"printer", record.printer},
                             {"time_us", number(record.timeUs)}});
}

std::optional<client::BadgePrintRecord> badgePrintFromJson(const QByteArray& json) {
  const auto object = objectOf(json);
  if (!object || !(*object)["delegate_id"].isString()) return std::nullopt;
  return client::BadgePrintRecord{numberOf((*object)["delegate_id"]), (*object)["success"].toBool(),
                                  (*object)["error"].toString(), (*object)["printer"].toString(),
                                  numberOf((*object)["time_us"])};
}

}  // namespace lanyard::kiosk::offline
