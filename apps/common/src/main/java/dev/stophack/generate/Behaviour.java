package dev.stophack.generate;

import java.util.List;

/**
 * How one kind of process behaves: the centre and spread of each measurement, and the
 * commands it runs under. Attack behaviours overlap normal heavy workloads on purpose, and
 * attacks also run under common names (python3, bash), so a model has to learn from the
 * measurements together and cannot be perfect.
 *
 * @param type       {@code normal} or the TON_IoT attack type
 * @param commands   the names it runs under, weighted by repetition
 * @param cpu        typical CPU percent
 * @param threads    typical number of threads
 * @param runShare   share of threads running (TRUN) versus sleeping
 * @param minflt     minor faults per interval
 * @param majflt     major faults per interval
 * @param vsizeMb    virtual size in MB
 * @param rsizeMb    resident size in MB
 * @param growMb     typical size growth per interval in MB (either sign)
 * @param realtime   probability of a fifo/rr policy
 * @param niceShift  typical NICE value
 * @param shortLived probability of ending in any interval
 */
record Behaviour(String type, List<String> commands, double cpu, double threads, double runShare,
                 double minflt, double majflt, double vsizeMb, double rsizeMb, double growMb,
                 double realtime, double niceShift, double shortLived) {

    static final List<Behaviour> NORMAL = List.of(
        new Behaviour("normal", List.of("systemd", "sshd", "cron", "rsyslogd", "dbus-daemon", "NetworkManager",
                "snapd", "kworker", "kworker", "kworker", "bash", "bash"), 0.3, 2, 0.05, 40, 0.2, 60, 8, 0.05, 0.02, 0, 0.01),
        new Behaviour("normal", List.of("apache2", "mysqld", "php-fpm", "nginx", "java", "python3"),
                6, 24, 0.15, 900, 2, 900, 180, 0.8, 0.0, 0, 0.005),
        new Behaviour("normal", List.of("firefox", "chrome", "code", "gnome-shell", "Xorg", "thunderbird"),
                12, 40, 0.12, 2500, 4, 2400, 420, 3, 0.0, 0, 0.01),
        new Behaviour("normal", List.of("gcc", "make", "cc1", "ld", "python3", "tar", "gzip", "apt", "dpkg"),
                55, 3, 0.6, 6000, 12, 300, 120, 15, 0.0, 5, 0.12),
        new Behaviour("normal", List.of("ps", "grep", "awk", "sed", "ls", "cat", "top", "atop", "sleep", "sh"),
                2, 1, 0.3, 250, 0.5, 12, 3, 0.4, 0.0, 0, 0.35),
        new Behaviour("normal", List.of("pulseaudio", "irqbalance", "chronyd", "watchdog", "migration", "rcu_sched"),
                0.8, 3, 0.1, 20, 0.1, 40, 6, 0.02, 0.45, -10, 0.002)
    );

    static final List<Behaviour> ATTACKS = List.of(
        new Behaviour("ddos", List.of("hping3", "python3", "perl", "loic", "bash"),
                45, 36, 0.45, 3500, 1, 500, 90, 4, 0.0, 0, 0.05),
        new Behaviour("dos", List.of("slowloris", "hping3", "python3", "ab", "sh"),
                38, 28, 0.4, 2600, 1, 420, 70, 3, 0.0, 0, 0.06),
        new Behaviour("injection", List.of("sqlmap", "python3", "curl", "php", "bash"),
                18, 6, 0.25, 1700, 3, 380, 75, 2.5, 0.0, 0, 0.15),
        new Behaviour("password", List.of("hydra", "medusa", "john", "python3", "ncrack"),
                40, 16, 0.5, 1400, 1, 260, 40, 1.2, 0.0, 0, 0.08),
        new Behaviour("scanning", List.of("nmap", "masscan", "nikto", "python3", "bash"),
                14, 4, 0.3, 900, 1, 160, 28, 1.5, 0.0, 0, 0.25),
        new Behaviour("xss", List.of("xsser", "python3", "curl", "node", "perl"),
                12, 5, 0.25, 1200, 2, 330, 60, 2, 0.0, 0, 0.15),
        new Behaviour("backdoor", List.of("nc", "ncat", "socat", "bash", "sshd", "python3"),
                1.5, 2, 0.1, 150, 0.4, 40, 7, 0.2, 0.0, 0, 0.01),
        new Behaviour("ransomware", List.of("openssl", "gpg", "python3", "encryptor", "tar"),
                65, 8, 0.65, 7000, 30, 350, 160, 18, 0.0, 6, 0.05),
        new Behaviour("mitm", List.of("ettercap", "arpspoof", "bettercap", "tcpdump", "python3"),
                9, 6, 0.2, 700, 1, 230, 45, 1, 0.05, -5, 0.02)
    );
}
