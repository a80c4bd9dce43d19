#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

// A descriptor set written by `protoc --include_imports --descriptor_set_out=FILE`, loaded into a
// pool of its own.
namespace lanyard::proto_check {

struct DescriptorSet {
  std::unique_ptr<google::protobuf::DescriptorPool> pool = std::make_unique<google::protobuf::DescriptorPool>();
  // The files under lanyard/, in the set's (dependency) order.
  std::vector<const google::protobuf::FileDescriptor*> lanyardFiles;
};

// Throws std::runtime_error naming `path` when it cannot be read or does not build.
inline DescriptorSet loadDescriptorSet(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  google::protobuf::FileDescriptorSet set;
  if (!in || !set.ParseFromIstream(&in)) throw std::runtime_error(path + ": not a readable FileDescriptorSet");
  DescriptorSet out;
  for (const google::protobuf::FileDescriptorProto& file : set.file()) {
    const google::protobuf::FileDescriptor* built = out.pool->BuildFile(file);
    if (built == nullptr) throw std::runtime_error(path + ": " + file.name() + " does not build");
    if (built->name().rfind("lanyard/", 0) == 0) out.lanyardFiles.push_back(built);
  }
  return out;
}

}  // namespace lanyard::proto_check
