package io.spmd4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The adaptive spin policy driven with synthetic wait outcomes: no clock, no threads. */
class AdaptiveSpinTest {
    private static final long START_NS = 20_000;
    private static final long MIN_NS = 2_000;
    private static final long MAX_NS = 2_000_000;

    private static AdaptiveSpin spin() {
        return AdaptiveSpin.adaptive(START_NS, MIN_NS, MAX_NS);
    }

    @Test
    void shouldKeepTheBudgetWhenWaitsEndWithinIt() {
        AdaptiveSpin s = spin();
        for (int i = 0; i < 1000; i++) {
            s.waitEnded(i % 2 == 0 ? 0 : START_NS);
        }
        assertEquals(START_NS, s.budgetNs());
    }

    @Test
    void shouldDoubleTheBudgetOnANearMiss() {
        AdaptiveSpin s = spin();
        s.waitEnded(START_NS + 1);
        assertEquals(2 * START_NS, s.budgetNs());
        s.waitEnded(AdaptiveSpin.LATE_FACTOR * 2 * START_NS); // the edge of the window is still near
        assertEquals(4 * START_NS, s.budgetNs());
    }

    @Test
    void shouldGrowStepByStepWhileWaitsKeepEndingJustAfterTheSpin() {
        AdaptiveSpin s = spin();
        long wait = 300_000; // 15 budgets: too far for one step, reached by climbing
        s.waitEnded(wait);
        assertTrue(s.budgetNs() < START_NS, "a wait far beyond the budget is a long wait: " + s);
        // waits just after the budget climb it until it covers the 300 us waits
        while (s.budgetNs() < wait) {
            long before = s.budgetNs();
            s.waitEnded(before + 1);
            assertEquals(Math.min(MAX_NS, 2 * before), s.budgetNs());
        }
        long covering = s.budgetNs();
        for (int i = 0; i < 100; i++) {
            s.waitEnded(wait);
        }
        assertEquals(covering, s.budgetNs(), "waits it covers leave the budget alone");
    }

    @Test
    void shouldNeverExceedTheCap() {
        AdaptiveSpin s = spin();
        for (int i = 0; i < 100; i++) {
            s.waitEnded(s.budgetNs() + 1);
        }
        assertEquals(MAX_NS, s.budgetNs());
        s.waitEnded(MAX_NS + 1);
        assertEquals(MAX_NS, s.budgetNs());
    }

    @Test
    void shouldShrinkSlowlyToTheFloorWhileSpinsTimeOut() {
        AdaptiveSpin s = AdaptiveSpin.adaptive(MAX_NS, MIN_NS, MAX_NS);
        s.waitEnded(1_000_000_000L);
        assertEquals(MAX_NS - MAX_NS / AdaptiveSpin.SHRINK_DIVISOR, s.budgetNs(), "one long wait takes an eighth off");
        int waits = 1;
        while (s.budgetNs() > MIN_NS) {
            s.waitEnded(1_000_000_000L);
            waits++;
        }
        assertEquals(MIN_NS, s.budgetNs());
        assertTrue(waits > 10 && waits < 100, "from the cap to the floor in a few dozen long waits, took " + waits);
        s.waitEnded(1_000_000_000L);
        assertEquals(MIN_NS, s.budgetNs());
    }

    @Test
    void shouldSettleToCoverShortWaitsWhenLongOnesAreMixedIn() {
        // a barrier loop: most waits end at once, some after a 50 us hiccup of the peer, a few after 50 ms
        AdaptiveSpin s = spin();
        long hiccup = 50_000;
        int hiccups = 0;
        int covered = 0;
        for (int i = 1; i <= 10_000; i++) {
            long w = i % 100 == 0 ? 50_000_000L : i % 10 == 0 ? hiccup : 500;
            if (w == hiccup && i > 1_000) {
                hiccups++;
                covered += s.budgetNs() >= hiccup ? 1 : 0;
            }
            s.waitEnded(w);
            assertTrue(s.budgetNs() >= MIN_NS && s.budgetNs() <= MAX_NS, s.toString());
        }
        assertTrue(covered * 10 >= hiccups * 9, "most hiccups caught by the spin: " + covered + " of " + hiccups);
    }

    @Test
    void shouldComeBackDownWhenTheProgramStartsWaitingLong() {
        AdaptiveSpin s = spin();
        for (int i = 0; i < 20; i++) {
            s.waitEnded(s.budgetNs() + 1);
        }
        assertEquals(MAX_NS, s.budgetNs());
        for (int i = 0; i < 100; i++) {
            s.waitEnded(10_000_000_000L);
        }
        assertEquals(MIN_NS, s.budgetNs());
    }

    @Test
    void shouldIgnoreReportsWhenFixed() {
        AdaptiveSpin s = AdaptiveSpin.fixed(7_000);
        assertFalse(s.isAdaptive());
        s.waitEnded(7_001);
        s.waitEnded(10_000_000_000L);
        assertEquals(7_000, s.budgetNs());
    }

    @Test
    void shouldRefuseBoundsThatDoNotHoldTheStart() {
        assertThrows(IllegalArgumentException.class, () -> AdaptiveSpin.adaptive(1_000, 2_000, 3_000));
        assertThrows(IllegalArgumentException.class, () -> AdaptiveSpin.adaptive(4_000, 2_000, 3_000));
        assertThrows(IllegalArgumentException.class, () -> AdaptiveSpin.adaptive(0, -1, 3_000));
    }

    @Test
    void shouldAdaptByDefaultAndBeFixedWhenTheSpinIsGiven() {
        AdaptiveSpin byDefault = AdaptiveSpin.of(Config.from(new Properties(), Map.of()));
        assertTrue(byDefault.isAdaptive());
        assertEquals(Config.DEFAULT_SPIN_NS, byDefault.budgetNs());
        byDefault.waitEnded(Config.DEFAULT_SPIN_NS + 1);
        assertEquals(2 * Config.DEFAULT_SPIN_NS, byDefault.budgetNs());

        Properties given = new Properties();
        given.setProperty(Config.SPIN_NS_PROPERTY, "2000000");
        AdaptiveSpin pinned = AdaptiveSpin.of(Config.from(given, Map.of()));
        assertFalse(pinned.isAdaptive());
        assertEquals(2_000_000, pinned.budgetNs());

        AdaptiveSpin fromEnv = AdaptiveSpin.of(Config.from(new Properties(), Map.of("SPMD4J_IDLE_SPIN_NS", "0")));
        assertFalse(fromEnv.isAdaptive());
        assertEquals(0, fromEnv.budgetNs());
    }

    @Test
    void shouldCapAtTheConfiguredMaximum() {
        Properties p = new Properties();
        p.setProperty("spmd4j.idle.spin.max.ns", "50000");
        AdaptiveSpin s = AdaptiveSpin.of(Config.from(p, Map.of()));
        for (int i = 0; i < 10; i++) {
            s.waitEnded(s.budgetNs() + 1);
        }
        assertEquals(50_000, s.budgetNs());
    }

    @Test
    void shouldLearnOnlyWhileTheEngineSpins() {
        Engine engine = new Engine(0, 1, Config.from(new Properties(), Map.of()), null);
        assertEquals(Config.DEFAULT_SPIN_NS, engine.spinPhaseNs());
        engine.idleEnded(Config.DEFAULT_SPIN_NS + 1);
        assertEquals(2 * Config.DEFAULT_SPIN_NS, engine.spinPhaseNs());

        engine.oversubscribed(true);
        assertEquals(0, engine.spinPhaseNs(), "more ranks than cores: no spin phase");
        engine.idleEnded(2 * Config.DEFAULT_SPIN_NS + 1);
        engine.oversubscribed(false);
        assertEquals(2 * Config.DEFAULT_SPIN_NS, engine.spinPhaseNs(), "waits without a spin phase teach nothing");

        Properties spin = new Properties();
        spin.setProperty("spmd4j.idle", "spin");
        Engine spinning = new Engine(0, 1, Config.from(spin, Map.of()), null);
        spinning.oversubscribed(true);
        assertEquals(Long.MAX_VALUE, spinning.spinPhaseNs(), "spmd4j.idle=spin spins whatever the host");
        spinning.idleEnded(10_000_000_000L);
        assertEquals(Config.DEFAULT_SPIN_NS, spinning.spinBudget().budgetNs());
    }
}
