// The signature layer (being written): gene-set scoring, the signature catalog, deconvolution, TMB.
