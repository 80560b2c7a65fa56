# DeLong AUC variance, CI and paired test from R pROC itself, on the labels and scores of
# ../evaluation/evaluation.json (section "binary").
#
# Run (Debian): apt-get install r-base-core r-cran-proc r-cran-jsonlite
#               Rscript Tests/Fixtures/evaluation_R/generate_proc.R
suppressPackageStartupMessages({ library(jsonlite); library(pROC) })
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
b <- fromJSON(file.path(here, "..", "evaluation", "evaluation.json"), simplifyVector = TRUE)$binary
y <- as.integer(b$labels)
r1 <- roc(y, b$p1, levels = c(0, 1), direction = "<", quiet = TRUE)
r2 <- roc(y, b$p2, levels = c(0, 1), direction = "<", quiet = TRUE)
ci1 <- ci.auc(r1, method = "delong", conf.level = 0.95)
t <- roc.test(r1, r2, method = "delong", paired = TRUE)
out <- list(
  generator = "Tests/Fixtures/evaluation_R/generate_proc.R",
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."), pROC = as.character(packageVersion("pROC"))),
  auc = as.numeric(auc(r1)), variance = var(r1, method = "delong"), lower = ci1[1], upper = ci1[3],
  auc2 = as.numeric(auc(r2)), paired_z = as.numeric(t$statistic), paired_p = t$p.value,
  paired_lower = t$conf.int[1], paired_upper = t$conf.int[2]
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), file.path(here, "proc_reference.json"))
