#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <string>

#include "rpc/convert.h"

// Every domain enum the rpc layer converts maps onto a distinct proto value, and every proto value
// but UNSPECIFIED is some domain value's twin: a value added on one side only fails here.
namespace lanyard::server::rpc {
namespace {

using google::protobuf::EnumDescriptor;

constexpr std::array kAllOutcomes = {
    domain::CheckInOutcome::Admitted,       domain::CheckInOutcome::AlreadyCheckedIn,
    domain::CheckInOutcome::Cancelled,      domain::CheckInOutcome::NotRegistered,
    domain::CheckInOutcome::SessionFull,    domain::CheckInOutcome::OutsideTimeWindow,
    domain::CheckInOutcome::UnknownCode,    domain::CheckInOutcome::ForgedCode,
    domain::CheckInOutcome::SupersededCode, domain::CheckInOutcome::CheckedOut,
    domain::CheckInOutcome::NotCheckedIn,   domain::CheckInOutcome::WrongProof,
    domain::CheckInOutcome::ProofThrottled, domain::CheckInOutcome::NameCheckInDisabled,
};
constexpr std::array kAllRoles = {domain::Role::Kiosk, domain::Role::Organiser, domain::Role::Admin,
                                  domain::Role::Desk};
constexpr std::array kAllDirections = {domain::Direction::In, domain::Direction::Out};
constexpr std::array kAllPrinterStatuses = {domain::PrinterStatus::Ok, domain::PrinterStatus::PaperOut,
                                            domain::PrinterStatus::Offline, domain::PrinterStatus::Error};
constexpr std::array kAllActivityKinds = {
    domain::ActivityKind::CheckIn,           domain::ActivityKind::BadgePrint,
    domain::ActivityKind::DelegateAdded,     domain::ActivityKind::DelegateUpdated,
    domain::ActivityKind::DelegateCancelled, domain::ActivityKind::BadgeReissued,
    domain::ActivityKind::DelegatesImported, domain::ActivityKind::SessionsImported,
    domain::ActivityKind::KioskStatus,
};

// Maps every domain value with `toProtoValue`; expects distinct, named, non-zero proto values that
// cover every value of `descriptor` but UNSPECIFIED. Returns domain index by proto number.
template <typename Domain, std::size_t N, typename ToProto>
std::map<int, Domain> expectOneToOne(const std::array<Domain, N>& all, const EnumDescriptor* descriptor,
                                     ToProto toProtoValue) {
  std::map<int, Domain> byProto;
  for (Domain value : all) {
    const int number = static_cast<int>(toProtoValue(value));
    EXPECT_NE(number, 0) << descriptor->name() << ": domain value " << static_cast<int>(value)
                         << " maps to UNSPECIFIED";
    EXPECT_NE(descriptor->FindValueByNumber(number), nullptr)
        << descriptor->name() << ": domain value " << static_cast<int>(value) << " maps to unknown " << number;
    const bool fresh = byProto.emplace(number, value).second;
    EXPECT_TRUE(fresh) << descriptor->name() << ": two domain values map to " << number;
  }
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const int number = descriptor->value(i)->number();
    if (number == 0) continue;
    EXPECT_TRUE(byProto.count(number)) << descriptor->value(i)->name() << " has no domain twin";
  }
  return byProto;
}

TEST(EnumMappingTest, CheckInOutcomesMapOneToOne) {
  expectOneToOne(kAllOutcomes, v1::CheckInOutcome_descriptor(), [](domain::CheckInOutcome o) { return toProto(o); });
}

TEST(EnumMappingTest, OutcomeNamesMatchTheProtoNames) {
  // The deprecated CheckInRecord.outcome string must stay the enum's name without its prefix.
  for (domain::CheckInOutcome outcome : kAllOutcomes) {
    EXPECT_EQ("CHECK_IN_OUTCOME_" + std::string(domain::outcomeName(outcome)),
              v1::CheckInOutcome_Name(toProto(outcome)));
  }
}

TEST(EnumMappingTest, RolesMapOneToOneAndBack) {
  const auto byProto = expectOneToOne(kAllRoles, v1::Role_descriptor(), [](domain::Role r) { return toProto(r); });
  for (const auto& [number, role] : byProto) {
    domain::Role back{};
    ASSERT_TRUE(fromProto(static_cast<v1::Role>(number), back)) << number;
    EXPECT_EQ(back, role);
  }
  domain::Role untouched = domain::Role::Kiosk;
  EXPECT_FALSE(fromProto(v1::ROLE_UNSPECIFIED, untouched));
}

TEST(EnumMappingTest, DirectionsMapOneToOneAndBack) {
  const auto byProto =
      expectOneToOne(kAllDirections, v1::Direction_descriptor(), [](domain::Direction d) { return toProto(d); });
  for (const auto& [number, direction] : byProto) {
    EXPECT_EQ(fromProto(static_cast<v1::Direction>(number)), direction);
  }
}

TEST(EnumMappingTest, PrinterStatusesMapOneToOneAndBack) {
  const auto byProto = expectOneToOne(kAllPrinterStatuses, v1::PrinterStatus_descriptor(),
                                      [](domain::PrinterStatus s) { return toProto(s); });
  for (const auto& [number, status] : byProto) {
    EXPECT_EQ(fromProto(static_cast<v1::PrinterStatus>(number)), status);
  }
  // No heartbeat yet is the proto's unset value, both ways.
  EXPECT_EQ(toProto(domain::PrinterStatus::Unknown), v1::PRINTER_STATUS_UNSPECIFIED);
  EXPECT_EQ(fromProto(v1::PRINTER_STATUS_UNSPECIFIED), domain::PrinterStatus::Unknown);
}

TEST(EnumMappingTest, ActivityKindsMapOneToOne) {
  expectOneToOne(kAllActivityKinds, v1::ActivityKind_descriptor(), [](domain::ActivityKind k) { return toProto(k); });
}

}  // namespace
}  // namespace lanyard::server::rpc
