// ApiResult<T>: a value or the ApiError (Kubernetes Status) the API server answers with.
#pragma once

#include "sim/api/status.h"
#include "util/result.h"

namespace dl::sim::api {

template <typename T>
using ApiResult = util::Result<T, ApiError>;

}  // namespace dl::sim::api
