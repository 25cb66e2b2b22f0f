#pragma once
// sitmap_io's GDAL handles are the shared ones (geo/gdal_handles.h).
#include "geo/gdal_handles.h"
