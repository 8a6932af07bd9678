"""What both kinds share: sums, grades and score bands, the prose checks, the 文字 sections."""
