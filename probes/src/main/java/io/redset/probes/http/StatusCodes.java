package io.redset.probes.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP status codes an HTTP probe accepts, written as a list of codes, ranges and classes:
 * {@code 200}, {@code 200-299}, {@code 2xx}, {@code 200,204,301-302}.
 */
public record StatusCodes(List<Range> ranges) {

    public static final StatusCodes SUCCESS = parse("2xx");

    public record Range(int from, int to) {
        public Range {
            if (from < 100 || to > 599 || from > to) {
                throw new IllegalArgumentException("status code range must be within 100..599, was " + from + "-" + to);
            }
        }
    }

    public StatusCodes {
        if (ranges == null || ranges.isEmpty()) {
            throw new IllegalArgumentException("at least one status code is required");
        }
        ranges = List.copyOf(ranges);
    }

    public static StatusCodes parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected status must not be blank");
        }
        List<Range> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase();
            try {
                if (p.matches("[1-5]xx")) {
                    int base = (p.charAt(0) - '0') * 100;
                    out.add(new Range(base, base + 99));
                } else if (p.contains("-")) {
                    String[] ends = p.split("-", 2);
                    out.add(new Range(Integer.parseInt(ends[0].trim()), Integer.parseInt(ends[1].trim())));
                } else {
                    int code = Integer.parseInt(p);
                    out.add(new Range(code, code));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a status code, range or class (2xx): '" + part.trim() + "'");
            }
        }
        return new StatusCodes(out);
    }

    public boolean accepts(int status) {
        for (Range r : ranges) {
            if (status >= r.from && status <= r.to) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Range r : ranges) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(r.from == r.to ? String.valueOf(r.from) : r.from + "-" + r.to);
        }
        return b.toString();
    }
}
