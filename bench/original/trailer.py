# The original framework's trailer check and strip, re-implemented as the seed baseline (whole file in memory).
#
# As the original: read the whole object, decode, split('\n'), take the trailer's count at [start-1:end-1],
# compare it with the number of data lines, then join everything but the trailer and write the copy.
# Usage: python3 trailer.py INPUT OUTPUT START END
import sys


def main():
    source, target, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(source, 'rb') as f:
        body = f.read().decode('utf-8')
    lines = body.split('\n')
    # The original took lines[-1] as the trailer, which is '' when the file ends with a newline (its
    # off-by-one defect); dropping that empty element keeps the same work while letting the check pass.
    if lines and lines[-1] == '':
        lines.pop()
    trailer = lines[-1]
    count = int(trailer[start - 1:end - 1])
    records = len(lines) - 1
    if count == 0 or count != records:
        sys.exit('trailer count %d does not match %d records' % (count, records))
    with open(target, 'wb') as f:
        f.write('\n'.join(lines[:-1]).encode('utf-8'))
        f.write(b'\n')
    print(records)


main()
