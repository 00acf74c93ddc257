# tests/e2e/grammar.sh: the broken-wording patterns of the grammar sweep
# (test_grammar.sh) and the 2009-10 fixture (test_annual.sh); sourced.
# `grammar_patterns FILE` writes them, `scan TEXT [FILE]` prints each
# match in the one-line text file TEXT.

# The broken patterns, one extended regular expression a line (matched
# against the paper's text as one line; ERE has no look-ahead, so "not
# followed by of" is spelt out as letters).
grammar_patterns() {
num='(2|3|4|5|6|7|8|9|[1-9][0-9]+|two|three|four|five|six|seven|eight|nine|ten|several|\[c\])'
plural='(cases|children|families|instances|babies|parents|mothers|suicides|SCRs|reviews|deaths)'
singular='(case|child|family|instance|baby|parent|mother|suicide|SCR|review|death)'
notof='([a-np-zA-Z[]|o[a-eg-z])'
notthe='([a-su-zA-Z[]|t[a-gi-z]|th[a-df-z])'
cat >"$1" <<EOF
(^| )[Oo]ne of $plural\b
(^| )[Nn]one of $plural\b
[Tt]here were (one|1)\b
[Tt]here was $num\b
(^| )0 $plural\b
(^| )([Oo]ne|1) $plural\b
(^| |\()$num $singular\b
\[c\] of $notthe
\[c\] of the \w+ of\b
(^| )[Nn]o of\b
[Aa] small number $notof
(^| )[Nn]one $notof
[Aa] further (0|none|no)\b
[Ss]everal of $notthe
(one in ten|[Vv]ery few) of $notthe
, nor\b
EOF
}

# Prints every broken pattern of the list $2 (default $tmp/bad) found in
# the text file $1 (one line).  One grep of all the patterns first: a
# paper with none (the usual case) costs one process, not one a pattern
# (some 0.5 CPU-s a paper).
scan() {
	grep -Eq -f "${2:-$tmp/bad}" "$1" || return 0
	while IFS= read -r re; do
		grep -Eo ".{0,40}$re.{0,30}" "$1" |
		    while IFS= read -r m; do printf '  %s: %s\n' "$re" "$m"; done
	done <"${2:-$tmp/bad}"
}

