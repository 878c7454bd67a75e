"""thresher: crawled web pages in, clean text corpora out."""
