package dev.stophack.generate;

import java.util.List;
import java.util.SplittableRandom;

/** One process on a machine: its fixed traits and the values it last reported. */
final class Proc {
    private static final String[] ATTACK_TYPES = Behaviour.ATTACKS.stream().map(Behaviour::type).toArray(String[]::new);

    final int pid;
    final Behaviour behaviour;
    final String noiseType;
    private final String cmd;
    private final Behaviour looks;
    private final SplittableRandom random;
    private final int cpus;
    private final double machineMemory;

    private final double cpuBase;
    private final int threads;
    private final double minfltBase;
    private final double vstext;
    private final double vsizeBase;
    private final double rsizeBase;
    private final String policy;
    private final int nice;
    private final int rtpr;
    private final int pri;

    private int age;
    boolean ending;
    private final StringBuilder lastProcess = new StringBuilder(64);
    private final StringBuilder lastMemory = new StringBuilder(64);

    Proc(int pid, Behaviour behaviour, SplittableRandom random, int cpus, double machineMemory) {
        this.pid = pid;
        this.behaviour = behaviour;
        this.random = random;
        this.cpus = cpus;
        this.machineMemory = machineMemory;
        boolean attack = !behaviour.type().equals("normal");
        this.looks = attack && random.nextDouble() < TelemetryGenerator.STEALTHY_ATTACKS
                ? pick(Behaviour.NORMAL) : behaviour;
        this.noiseType = ATTACK_TYPES[random.nextInt(ATTACK_TYPES.length)];
        this.cmd = pick(behaviour.commands());
        this.cpuBase = looks.cpu() * spread(0.6);
        this.threads = (int) Math.max(1, Math.round(looks.threads() * spread(0.5)));
        this.minfltBase = looks.minflt() * spread(0.6);
        this.vstext = 40_000 * spread(1.2);
        this.vsizeBase = looks.vsizeMb() * 1e6 * spread(0.5);
        this.rsizeBase = Math.min(vsizeBase, looks.rsizeMb() * 1e6 * spread(0.5));
        double r = random.nextDouble();
        if (r < looks.realtime()) {
            this.policy = random.nextBoolean() ? "fifo" : "rr";
            this.rtpr = 1 + random.nextInt(99);
            this.nice = 0;
            this.pri = 99 - rtpr;
        } else {
            this.policy = r < looks.realtime() + 0.03 ? (random.nextBoolean() ? "btch" : "idle") : "norm";
            this.rtpr = 0;
            this.nice = random.nextDouble() < 0.8
                    ? clamp((int) Math.round(looks.niceShift() + random.nextGaussian() * 2), -20, 19)
                    : -20 + random.nextInt(40);
            this.pri = 120 + nice;
        }
    }

    /** Whether the process ends in this interval (then it reports once more, as ended). */
    boolean decideEnding() {
        ending = random.nextDouble() < looks.shortLived();
        return ending;
    }

    void appendProcess(StringBuilder out) {
        if (!ending && age > 0 && random.nextDouble() < 0.55) {
            out.append(lastProcess); // a sleeping process often reports exactly what it did before
            return;
        }
        int start = out.length();
        double cpu = ending ? cpuBase * spread(0.8) * 0.5 : cpuBase * spread(0.5);
        int running = (int) Math.min(threads, Math.round(threads * looks.runShare() * random.nextDouble() * 2));
        int uninterruptible = random.nextDouble() < 0.03 + looks.majflt() / 500 ? 1 : 0;
        int sleeping = Math.max(0, threads - running - uninterruptible);
        out.append(running).append(',').append(sleeping).append(',').append(uninterruptible).append(',')
           .append(policy).append(',').append(nice).append(',').append(pri).append(',').append(rtpr).append(',')
           .append(random.nextInt(cpus)).append(',');
        String status;
        int exit = 0;
        if (ending) {
            double k = random.nextDouble();
            status = age == 0 ? "NE" : k < 0.8 ? "-E" : k < 0.95 ? "-S" : "-C";
            exit = status.equals("-S") ? (random.nextBoolean() ? 9 : 15) : random.nextDouble() < 0.15 ? 1 : 0;
        } else {
            status = age == 0 ? "N-" : "--";
        }
        out.append(status).append(',').append(exit).append(',').append(state(running, uninterruptible, cpu)).append(',');
        AtopFormat.decimal(out, Math.min(cpu, 100.0 * cpus));
        out.append(',').append(ending ? "<" + cmd + ">" : cmd);
        if (!ending) {
            lastProcess.setLength(0);
            lastProcess.append(out, start, out.length());
        }
    }

    void appendMemory(StringBuilder out) {
        if (!ending && age > 0 && random.nextDouble() < 0.55) {
            out.append(lastMemory);
            age++;
            return;
        }
        int start = out.length();
        AtopFormat.size(out, minfltBase * spread(0.7) * (age == 0 ? 3 : 1));
        out.append(',');
        AtopFormat.size(out, Math.floor(looks.majflt() * spread(1.0) * random.nextDouble() * 2));
        out.append(',');
        if (ending) {
            out.append(",,,,,0"); // a finished process has no sizes
            out.append(',').append('<').append(cmd).append('>');
        } else {
            double vsize = vsizeBase * spread(0.1);
            double rsize = Math.min(vsize, rsizeBase * spread(0.15));
            AtopFormat.size(out, vstext);
            out.append(',');
            AtopFormat.size(out, vsize);
            out.append(',');
            AtopFormat.size(out, rsize);
            out.append(',');
            AtopFormat.size(out, growth(age == 0 ? vsize : looks.growMb() * 1e6));
            out.append(',');
            AtopFormat.size(out, growth(age == 0 ? rsize : looks.growMb() * 0.6e6));
            out.append(',');
            AtopFormat.decimal(out, rsize / machineMemory * 100);
            out.append(',').append(cmd);
            lastMemory.setLength(0);
            lastMemory.append(out, start, out.length());
        }
        age++;
    }

    private double growth(double typical) {
        if (random.nextDouble() < 0.35) {
            return 0;
        }
        return typical * spread(0.8) * (random.nextDouble() < 0.3 ? -1 : 1);
    }

    private char state(int running, int uninterruptible, double cpu) {
        if (ending) {
            return 'E';
        }
        if (uninterruptible > 0) {
            return 'D';
        }
        double r = random.nextDouble();
        if (r < 0.003) {
            return 'Z';
        }
        if (r < 0.006) {
            return 'T';
        }
        return running > 0 && cpu > 3 ? 'R' : 'S';
    }

    /** A log-normal factor around 1: measurements are positive and skewed. */
    private double spread(double sigma) {
        return Math.exp(random.nextGaussian() * sigma - sigma * sigma / 2);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
