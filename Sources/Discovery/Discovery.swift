// The discovery layer (being written): association scans, meta-analysis, survival analyses, enrichment.
