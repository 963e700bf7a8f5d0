package dev.stophack.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RebalancePlanTest {

    @Test
    void downsamplesNormalRowsToTwicePerAttack() {
        RebalancePlan plan = RebalancePlan.of(11_297, 88_703);
        assertThat(plan.attacks()).isEqualTo(11_297);
        assertThat(plan.normals()).isEqualTo(22_594);
    }

    @Test
    void downsamplesAttacksWhenTheyAreOverRepresented() {
        RebalancePlan plan = RebalancePlan.of(900, 1001);
        assertThat(plan.normals()).isEqualTo(1001);
        assertThat(plan.attacks()).as("1001 / 2 rounded").isEqualTo(501);
    }

    @Test
    void keepsEverythingWhenAlreadyOneToTwo() {
        assertThat(RebalancePlan.of(50, 100)).isEqualTo(new RebalancePlan(50, 100));
    }

    @Test
    void theRatioIsExactWithinRoundingForManyCounts() {
        for (long a = 1; a < 300; a += 7) {
            for (long n = 1; n < 900; n += 13) {
                RebalancePlan p = RebalancePlan.of(a, n);
                assertThat(p.attacks()).isBetween(1L, a);
                assertThat(p.normals()).isBetween(1L, n);
                // one side is kept whole, the other is within half a row of the 1:2 ratio
                if (p.normals() == n && p.attacks() < a) {
                    assertThat(Math.abs(p.attacks() * 2.0 - n)).isLessThanOrEqualTo(1.0);
                } else {
                    assertThat(p.attacks()).isEqualTo(a);
                    assertThat(p.normals()).isEqualTo(Math.min(n, 2 * a));
                }
            }
        }
    }

    @Test
    void aMissingClassLeavesTheOtherAlone() {
        assertThat(RebalancePlan.of(0, 40)).isEqualTo(new RebalancePlan(0, 40));
        assertThatThrownBy(() -> RebalancePlan.of(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
