# data_read.R: R's read.csv reads every CSV of the archive as it is.
#
# Usage: Rscript data_read.R PAPERS
#
# PAPERS is the unpacked archive of `make dist`.  read.csv with no options
# must read each CSV without a warning, with the file's header and number
# of rows, the ledgers' counts and percentages as numbers, and the data
# set's Indicator columns numbers once c, z and x are missing
# (docs/data.md).  Prints the problems and a summary; exits 1 on any.
args <- commandArgs(trailingOnly = TRUE)
top <- args[1]
bad <- character(0)
ledger <- c("numerator", "denominator", "percent", "not_recorded")
files <- sort(list.files(top, pattern = "\\.csv$", recursive = TRUE))
meta <- read.csv(file.path(top, "data", "scr_figures.meta.csv"))
indic <- meta$col_name[meta$col_type == "Indicator"]
for (f in files) {
  path <- file.path(top, f)
  lines <- readLines(path)
  head <- strsplit(lines[1], ",", fixed = TRUE)[[1]]
  d <- tryCatch(read.csv(path), warning = function(w) w,
                error = function(e) e)
  if (inherits(d, "condition")) {
    bad <- c(bad, paste0(f, ": read.csv: ", conditionMessage(d)))
    next
  }
  if (ncol(d) != length(head) || nrow(d) != length(lines) - 1 ||
      !identical(names(d), head)) {
    bad <- c(bad, sprintf("%s: read.csv reads %d x %d (%s), the file has %d x %d",
                          f, nrow(d), ncol(d), paste(names(d), collapse = ","),
                          length(lines) - 1, length(head)))
    next
  }
  raw <- read.csv(path, colClasses = "character", na.strings = character(0))
  for (col in head) {
    v <- d[[col]]
    r <- raw[[col]]
    ok <- if (is.numeric(v)) {
      all(is.na(v) == (r == "")) &&
        all(v[!is.na(v)] == as.numeric(r[r != ""]))
    } else if (is.logical(v) && all(is.na(v))) {
      all(r == "")
    } else {
      !anyNA(v) && all(as.character(v) == r)
    }
    if (!ok)
      bad <- c(bad, sprintf("%s: %s: read.csv changes a cell", f, col))
    if (((f != "data/scr_figures.csv" && col %in% ledger) ||
         col == "time_period" ||
         (f == "data/scr_figures.meta.csv" && col == "indicator_dp")) &&
        !is.numeric(v))
      bad <- c(bad, sprintf("%s: %s is not read as numbers (%s)", f, col,
                            class(v)))
  }
  if (f == "data/scr_figures.csv") {
    dn <- read.csv(path, na.strings = c("c", "z", "x"))
    for (col in indic)
      if (!is.numeric(dn[[col]]))
        bad <- c(bad, sprintf("%s: Indicator %s is not numbers once c, z, x are missing (%s)",
                              f, col, class(dn[[col]])))
  }
}
if (length(files) != 5)
  bad <- c(bad, sprintf("%d CSV files, want 5", length(files)))
for (b in head(bad, 20)) cat("FAIL: R:", b, "\n")
cat(R.version.string, "read", length(files), "CSV files\n")
quit(status = if (length(bad)) 1 else 0)
