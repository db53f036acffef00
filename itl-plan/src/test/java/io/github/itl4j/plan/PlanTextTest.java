package io.github.itl4j.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The text form's summary line. */
class PlanTextTest {
    @Test
    void aFleetWithoutACountSaysSoInsteadOfAMissingNumber() throws Exception {
        Plan p = RecipeTest.plan(RecipeTest.cluster("11.5", "non-secure", RecipeTest.PUB)
                + "change:\n  - regenerate: {what: CallManager, nodes: [pub]}\n");
        String line = PlanText.render(p).lines().findFirst().orElseThrow();
        assertTrue(line.contains("   fleet 1 class (no phone count given)   "), line);
        Plan counted = RecipeTest.plan(RecipeTest.cluster("11.5", "non-secure", RecipeTest.PUB)
                + "fleet:\n  phones: 40\nchange:\n  - regenerate: {what: CallManager, nodes: [pub]}\n");
        String countedLine = PlanText.render(counted).lines().findFirst().orElseThrow();
        assertTrue(countedLine.contains("   fleet 40 phones in 1 class   "), countedLine);
    }
}
