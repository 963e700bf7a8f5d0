package dev.stophack.consumer.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackedMachinesTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long HORIZON = 720_000;

    @Test
    void tracksUpToTheLimitAndRemembersWhichMachinesWereRefused() {
        TrackedMachines machines = new TrackedMachines(2, HORIZON);
        assertThat(machines.admit("4", T0)).isTrue();
        assertThat(machines.admit("5", T0)).isTrue();
        assertThat(machines.admit("4", T0)).as("already tracked").isTrue();
        assertThat(machines.admit("6", T0)).isFalse();
        assertThat(machines.admit("7", T0)).isFalse();
        assertThat(machines.admit("6", T0 + 1)).as("still refused").isFalse();

        assertThat(machines.tracked()).isEqualTo(2);
        assertThat(machines.untracked(T0 + 1)).isEqualTo(2);
        assertThat(machines.untrackedAtLeast(T0 + 1)).isFalse();
    }

    @Test
    void aMachineWithNoDataLeftGivesUpItsPlaceAndARefusedOneGetsIt() {
        TrackedMachines machines = new TrackedMachines(2, HORIZON);
        machines.admit("4", T0);
        machines.admit("5", T0);
        assertThat(machines.admit("6", T0)).isFalse();

        machines.retain(Set.of("5"), T0 + 1_000); // machine 4's data has aged out of every chart
        assertThat(machines.tracked()).isEqualTo(1);
        assertThat(machines.admit("6", T0 + 2_000)).isTrue();
        assertThat(machines.untracked(T0 + 2_000)).as("6 is tracked now").isZero();
        assertThat(machines.admit("4", T0 + 3_000)).as("the place is taken").isFalse();
    }

    @Test
    void refusedMachinesAreForgottenAfterTheHorizon() {
        TrackedMachines machines = new TrackedMachines(1, HORIZON);
        machines.admit("4", T0);
        machines.admit("5", T0);
        machines.admit("6", T0 + 10_000);
        assertThat(machines.untracked(T0 + HORIZON)).isEqualTo(2);
        assertThat(machines.untracked(T0 + HORIZON + 1)).as("5 was refused too long ago").isEqualTo(1);
        machines.admit("5", T0 + HORIZON + 2);
        assertThat(machines.untracked(T0 + HORIZON + 10_001)).as("6 gone, 5 refused again").isEqualTo(1);
    }

    @Test
    void remembersABoundedNumberOfRefusedNamesAndSaysTheCountIsALowerBound() {
        TrackedMachines machines = new TrackedMachines(1, HORIZON);
        machines.admit("real", T0);
        int flood = TrackedMachines.UNTRACKED_NAMES_KEPT + 5_000;
        for (int i = 0; i < flood; i++) {
            assertThat(machines.admit("intruder-" + i, T0)).isFalse();
        }
        assertThat(machines.untracked(T0)).isEqualTo(TrackedMachines.UNTRACKED_NAMES_KEPT);
        assertThat(machines.untrackedAtLeast(T0)).isTrue();
        assertThat(machines.untrackedAtLeast(T0 + HORIZON + 1)).as("the flood is over").isFalse();
        assertThat(machines.untracked(T0 + HORIZON + 1)).isZero();
    }
}
