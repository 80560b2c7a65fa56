// The evaluation layer (being written): metrics, resampling, calibration, validation at a new site.
