# Exports the quality benchmark's data sets from Debian's R data packages into fixed, seeded
# train/test splits: <out>/<name>/train.csv, test.csv and schema.ddl (Spark DDL of the CSV
# columns), plus <out>/manifest.tsv (one line per data set) and <out>/VERSIONS (R, RNG and
# package versions). Run through bench/data/export-r-datasets, which checks the packages first.
#
# Every data set: identifiers dropped, column names made Spark-friendly (dots to underscores),
# factors written as their level strings (except ordinal scores noted below, written as
# integers), rows with a missing label dropped, NA written as an empty field. Split: 25% test,
# stratified by class for classification (per class, in sorted order, round(25% of its rows)),
# plain random for regression; the seed is fixed per data set (set.seed(9) before each split),
# so adding a data set never changes another one's split.
#
# Usage: Rscript export-r-datasets.R <out dir>

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript export-r-datasets.R <out dir>")
out <- args[[1]]
TEST_SHARE <- 0.25
SEED <- 9L

suppressPackageStartupMessages({
  library(mlbench)
  library(modeldata)
  library(MASS)
  library(AER)
  library(ggplot2)
})
# Fixed RNG kinds (R >= 3.6 defaults), so the split does not depend on a user's settings.
RNGkind("Mersenne-Twister", "Inversion", "Rejection")

load_data <- function(object, package) {
  env <- new.env()
  data(list = object, package = package, envir = env)
  as.data.frame(get(object, envir = env))
}

factors_to_strings <- function(d) {
  for (col in names(d)) {
    if (is.factor(d[[col]])) d[[col]] <- as.character(d[[col]])
  }
  d
}

scores_to_integers <- function(d, cols) {
  for (col in cols) d[[col]] <- as.integer(as.character(d[[col]]))
  d
}

# Each data set: name, R object and package, task, label, positive class (binary), a function
# that cleans the data frame, and a note for the manifest.
datasets <- list(
  list(name = "breast_cancer", object = "BreastCancer", package = "mlbench", task = "binary",
       label = "Class", positive = "malignant",
       note = "Wisconsin breast cancer; Id dropped; the nine 1-10 cytology scores as integers",
       prepare = function(d) {
         d$Id <- NULL
         scores_to_integers(d, setdiff(names(d), "Class"))
       }),
  list(name = "ionosphere", object = "Ionosphere", package = "mlbench", task = "binary",
       label = "Class", positive = "good",
       note = "radar returns; V1 (0/1) and V2 (constant 0) as integers",
       prepare = function(d) scores_to_integers(d, c("V1", "V2"))),
  list(name = "mlc_churn", object = "mlc_churn", package = "modeldata", task = "binary",
       label = "churn", positive = "yes",
       note = "telecom churn; state (51 values), area code and plans as strings",
       prepare = identity),
  list(name = "attrition", object = "attrition", package = "modeldata", task = "binary",
       label = "Attrition", positive = "Yes",
       note = "IBM HR attrition; ordinal survey answers as their level strings",
       prepare = identity),
  list(name = "hmda", object = "HMDA", package = "AER", task = "binary",
       label = "deny", positive = "yes",
       note = "Boston mortgage denials; credit history scores as level strings",
       prepare = identity),
  list(name = "glass", object = "Glass", package = "mlbench", task = "multiclass",
       label = "Type", positive = NA,
       note = "glass types 1,2,3,5,6,7 (9 to 76 rows each)",
       prepare = identity),
  list(name = "hpc_data", object = "hpc_data", package = "modeldata", task = "multiclass",
       label = "class", positive = NA,
       note = "HPC job run time classes VF/F/M/L; protocol and day as strings",
       prepare = identity),
  list(name = "penguins", object = "penguins", package = "modeldata", task = "multiclass",
       label = "species", positive = NA,
       note = "Palmer penguins (originally CC0); missing measurements and sex kept",
       prepare = identity),
  list(name = "boston", object = "Boston", package = "MASS", task = "regression",
       label = "medv", positive = NA,
       note = "Boston house values (median, k$)",
       prepare = identity),
  list(name = "txhousing", object = "txhousing", package = "ggplot2", task = "regression",
       label = "median", positive = NA,
       note = "Texas monthly housing by city; rows without a median price dropped; missing sales, volume, listings, inventory kept",
       prepare = identity),
  list(name = "ames", object = "ames", package = "modeldata", task = "regression",
       label = "Sale_Price", positive = NA,
       note = "Ames house prices (De Cock), 40 categorical columns",
       prepare = identity)
)

metric_of <- function(task) switch(task, binary = "areaUnderROC", multiclass = "f1",
                                   regression = "rmse")

ddl_type <- function(x) {
  if (is.integer(x)) "INT" else if (is.numeric(x)) "DOUBLE" else if (is.character(x)) "STRING"
  else stop("no Spark type for R class ", paste(class(x), collapse = "/"))
}

# Row indices of the test split: per class in sorted order for classification, else all rows.
test_rows <- function(y, task) {
  set.seed(SEED)
  if (task == "regression") {
    return(sort(sample.int(length(y), round(length(y) * TEST_SHARE))))
  }
  picked <- integer(0)
  for (k in sort(unique(y))) {
    idx <- which(y == k)
    picked <- c(picked, idx[sample.int(length(idx), round(length(idx) * TEST_SHARE))])
  }
  sort(picked)
}

write_split <- function(d, file) {
  write.csv(d, file, row.names = FALSE, na = "", fileEncoding = "UTF-8")
}

dir.create(out, recursive = TRUE, showWarnings = FALSE)
manifest <- data.frame()
for (s in datasets) {
  d <- load_data(s$object, s$package)
  d <- factors_to_strings(s$prepare(d))
  names(d) <- gsub(".", "_", names(d), fixed = TRUE)
  label <- gsub(".", "_", s$label, fixed = TRUE)
  if (!label %in% names(d)) stop(s$name, ": no label column ", label)
  dropped <- sum(is.na(d[[label]]))
  d <- d[!is.na(d[[label]]), , drop = FALSE]
  if (s$task == "regression") d[[label]] <- as.numeric(d[[label]])
  else d[[label]] <- as.character(d[[label]])
  if (s$task == "binary" && !s$positive %in% d[[label]])
    stop(s$name, ": positive class ", s$positive, " not in ", label)
  rownames(d) <- NULL
  test <- test_rows(d[[label]], s$task)
  folder <- file.path(out, s$name)
  dir.create(folder, showWarnings = FALSE)
  write_split(d[-test, , drop = FALSE], file.path(folder, "train.csv"))
  write_split(d[test, , drop = FALSE], file.path(folder, "test.csv"))
  features <- setdiff(names(d), label)
  types <- vapply(d, ddl_type, "")
  writeLines(paste(sprintf("`%s` %s", names(d), types), collapse = ", "),
             file.path(folder, "schema.ddl"))
  desc <- packageDescription(s$package)
  manifest <- rbind(manifest, data.frame(
    name = s$name, task = s$task, label = label,
    positive_class = if (is.na(s$positive)) "" else s$positive,
    metric = metric_of(s$task), rows = nrow(d), train_rows = nrow(d) - length(test),
    test_rows = length(test), features = length(features),
    numeric_features = sum(types[features] != "STRING"),
    categorical_features = sum(types[features] == "STRING"),
    na_cells = sum(is.na(d)), label_na_rows_dropped = dropped,
    classes = if (s$task == "regression") 0L else length(unique(d[[label]])),
    source = paste0(s$package, "::", s$object), package_version = desc$Version,
    license = desc$License, note = s$note, stringsAsFactors = FALSE))
  cat(sprintf("%-14s %-10s %5d rows (%d train, %d test), %d features, %d NA cells\n",
              s$name, s$task, nrow(d), nrow(d) - length(test), length(test),
              length(features), sum(is.na(d))))
}
write.table(manifest, file.path(out, "manifest.tsv"), sep = "\t", quote = FALSE,
            row.names = FALSE, fileEncoding = "UTF-8")
packages <- c("mlbench", "modeldata", "MASS", "AER", "ggplot2")
writeLines(c(R.version.string, paste("RNGkind:", paste(RNGkind(), collapse = " ")),
             paste("seed:", SEED, " test share:", TEST_SHARE),
             sprintf("%s %s (%s)", packages,
                     vapply(packages, function(p) as.character(packageVersion(p)), ""),
                     vapply(packages, function(p) packageDescription(p)$License, ""))),
           file.path(out, "VERSIONS"))
