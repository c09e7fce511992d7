# The original framework's split by record type, re-implemented as the seed baseline (whole file in memory).
#
# As the original: read the whole object, split('\n'), and for each line compare its first two characters
# with split_prefix (as a substring, the original's way), grouping lines per code; each group is joined and
# written as its own file. Lines of other types are dropped.
# Usage: python3 split.py INPUT OUTPUT_DIR SPLIT_PREFIX
import os
import sys


def main():
    source, out_dir, split_prefix = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(source, 'rb') as f:
        body = f.read().decode('utf-8')
    lines = body.split('\n')
    groups = {}
    for line in lines:
        code = line[0:2]
        if code and code in split_prefix:
            groups.setdefault(code, []).append(line)
    for code, group in groups.items():
        with open(os.path.join(out_dir, 'part-' + code + '.txt'), 'wb') as f:
            f.write('\n'.join(group).encode('utf-8'))
    print(sum(len(group) for group in groups.values()))


main()
