# Reference values from R itself for the Discovery tests, on the inputs of ../discovery/discovery.json:
# metafor::rma (FE, DL, REML), maxstat::maxstat.test (log-rank scores, Lausen–Schumacher 1992 p-value),
# survival::survdiff (log-rank) and survival::coxph (Efron) on the stratified log-rank inputs.
#
# Run (Debian): apt-get install r-base-core r-cran-metafor r-cran-maxstat r-cran-survival r-cran-jsonlite
#               Rscript Tests/Fixtures/discovery_R/generate_discovery.R
suppressPackageStartupMessages({
  library(jsonlite); library(metafor); library(maxstat); library(survival)
})
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
ref <- fromJSON(file.path(here, "..", "discovery", "discovery.json"), simplifyVector = TRUE)

meta <- lapply(seq_len(nrow(ref$meta)), function(i) {
  y <- ref$meta$y[[i]]; se <- ref$meta$se[[i]]
  one <- function(method) {
    m <- rma(yi = y, sei = se, method = method, control = list(REMLf = TRUE, threshold = 1e-12, maxiter = 10000))
    list(est = as.numeric(m$beta), se = m$se, tau2 = m$tau2, i2 = m$I2 / 100, q = m$QE, p = m$pval)
  }
  list(y = y, se = se, FE = one("FE"), DL = one("DL"), REML = one("REML"))
})

ms <- ref$maxstat
d <- data.frame(time = ms$time, event = ms$event, marker = ms$marker)
mt <- maxstat.test(Surv(time, event) ~ marker, data = d, smethod = "LogRank", pmethod = "Lau92",
                   minprop = 0.1, maxprop = 0.9)

out <- list(
  generator = "Tests/Fixtures/discovery_R/generate_discovery.R",
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  metafor = as.character(packageVersion("metafor")),
                  maxstat = as.character(packageVersion("maxstat")),
                  survival = as.character(packageVersion("survival"))),
  meta = meta,
  maxstat = list(statistic = as.numeric(mt$statistic), cut = as.numeric(mt$estimate), p = mt$p.value)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), file.path(here, "discovery_R.json"))
