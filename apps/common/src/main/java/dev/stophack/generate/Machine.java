package dev.stophack.generate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/** One monitored machine: its processes, and whether it is under attack right now. */
final class Machine {
    private final int id;
    private final SplittableRandom random;
    private final int cpus;
    private final double memory;
    private final List<Proc> processes = new ArrayList<>();
    private int nextPid;
    private Behaviour attack;
    private int phaseTicksLeft;
    private int attackers;

    Machine(int id, SplittableRandom random) {
        this.id = id;
        this.random = random;
        this.cpus = 2 << random.nextInt(3);
        this.memory = (4L << random.nextInt(4)) * 1e9;
        this.nextPid = 300 + random.nextInt(2000);
        this.phaseTicksLeft = 5 + random.nextInt(20);
    }

    /** One interval: the population changes, then every live process reports. */
    void tick(TelemetryGenerator.RowWriter out, long limit) throws IOException {
        if (--phaseTicksLeft <= 0) {
            if (attack == null && random.nextDouble() < 0.7) {
                attack = Behaviour.ATTACKS.get(random.nextInt(Behaviour.ATTACKS.size()));
                attackers = 4 + random.nextInt(9);
                phaseTicksLeft = 8 + random.nextInt(18);
            } else {
                attack = null;
                phaseTicksLeft = 10 + random.nextInt(30);
            }
        }
        int normals = 0;
        int attacking = 0;
        for (Proc p : processes) {
            if (p.behaviour.type().equals("normal")) {
                normals++;
            } else {
                attacking++;
            }
        }
        int wantNormals = 18 + random.nextInt(12);
        for (; normals < wantNormals; normals++) {
            spawn(Behaviour.NORMAL.get(random.nextInt(Behaviour.NORMAL.size())));
        }
        if (attack != null) {
            for (; attacking < attackers; attacking++) {
                spawn(attack);
            }
        }
        for (Iterator<Proc> it = processes.iterator(); it.hasNext() && out.rows < limit; ) {
            Proc p = it.next();
            boolean attackOver = attack == null && !p.behaviour.type().equals("normal") && random.nextDouble() < 0.5;
            if (p.decideEnding() || attackOver) {
                p.ending = true;
            }
            out.write(id, p);
            if (p.ending) {
                it.remove();
            }
        }
    }

    private void spawn(Behaviour behaviour) {
        nextPid += 1 + random.nextInt(40);
        if (nextPid > 4_194_304) {
            nextPid = 300; // pid_max wraps
        }
        processes.add(new Proc(nextPid, behaviour, random.split(), cpus, memory));
    }
}
