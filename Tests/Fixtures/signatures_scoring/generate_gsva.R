# ssGSEA reference values from R GSVA (Barbie et al. 2009 as implemented by Hänzelmann et al. 2013) on the
# matrices of scoring_reference.json (written by generate_scoring.py).
#
# Run (Debian): apt-get install r-base-core r-bioc-gsva r-cran-jsonlite
#               Rscript Tests/Fixtures/signatures_scoring/generate_gsva.R
# Writes gsva_reference.json next to this script, with the R and GSVA versions used.
suppressPackageStartupMessages({
  library(GSVA)
  library(jsonlite)
})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
ref <- fromJSON(file.path(here, "scoring_reference.json"), simplifyVector = TRUE)

score <- function(genes, samples, values, sets, normalise) {
  # values are gene-major: genes x samples
  X <- matrix(values, nrow = length(genes), ncol = length(samples), byrow = TRUE,
              dimnames = list(genes, samples))
  gs <- lapply(sets, function(idx) genes[idx + 1])
  names(gs) <- paste0("set", seq_along(gs))
  if (packageVersion("GSVA") >= "1.50") {
    p <- ssgseaParam(X, gs, alpha = 0.25, normalize = normalise, minSize = 1)
    res <- gsva(p, verbose = FALSE)
  } else {
    res <- gsva(X, gs, method = "ssgsea", ssgsea.norm = normalise, tau = 0.25, min.sz = 1, verbose = FALSE)
  }
  unname(res[names(gs), , drop = FALSE])
}

main <- ref
out <- list(
  generator = "Tests/Fixtures/signatures_scoring/generate_gsva.R",
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  GSVA = as.character(packageVersion("GSVA"))),
  ssgsea = score(main$genes, main$samples, main$matrix, main$sets, FALSE),
  ssgsea_norm = score(main$genes, main$samples, main$matrix, main$sets, TRUE),
  ties_ssgsea = score(paste0("T", seq_len(main$ties$genes)), paste0("S", seq_len(main$ties$samples)),
                      main$ties$matrix, main$ties$sets, FALSE)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), file.path(here, "gsva_reference.json"))
