# Converts the R data files of humaniverse/geographr (MIT; data OGL v3 from ONS and NHS Digital) that
# scripts/places/build.ts needs into CSV, once, by hand: never at install time.
#   apt-get install -y r-base-core   (Debian's R; no R packages needed)
#   Rscript scripts/places/convert-geographr.R <geographr git dir> <out dir>
# The .rda files are read straight from the git snapshot (git show), so no work tree is needed.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript convert-geographr.R <geographr git dir> <out dir>")
git_dir <- args[1]
out_dir <- args[2]
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
tables <- c(
  "lookup_lsoa11_ccg21_stp21_ltla21",
  "lookup_lsoa11_sicbl22_icb22_ltla22",
  "lookup_lsoa21_icb24",
  "lookup_lsoa21_ward24_ltla24"
)
for (name in tables) {
  rda <- tempfile(fileext = ".rda")
  status <- system2("git", c(paste0("--git-dir=", git_dir), "show", paste0("HEAD:data/", name, ".rda")), stdout = rda)
  if (status != 0) stop(paste("git show failed for", name))
  env <- new.env()
  loaded <- load(rda, env)
  frame <- as.data.frame(env[[loaded[1]]])
  frame <- frame[, !vapply(frame, is.list, logical(1)), drop = FALSE]
  write.csv(unique(frame), file.path(out_dir, paste0(name, ".csv")), row.names = FALSE, fileEncoding = "UTF-8")
  cat(name, nrow(frame), "rows\n")
}
