package dev.stophack.consumer.window;

import java.util.Comparator;

/** Machines in the order a person expects: numeric ids by value (4 before 10), others by name after them. */
public final class MachineOrder {
    public static final Comparator<String> NATURAL = MachineOrder::compare;

    private MachineOrder() {
    }

    static int compare(String a, String b) {
        boolean na = isNumber(a);
        boolean nb = isNumber(b);
        if (na && nb) {
            String sa = stripZeros(a);
            String sb = stripZeros(b);
            int byValue = sa.length() != sb.length() ? Integer.compare(sa.length(), sb.length()) : sa.compareTo(sb);
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
