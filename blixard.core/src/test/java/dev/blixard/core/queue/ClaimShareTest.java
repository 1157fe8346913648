package dev.blixard.core.queue;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.Test;

public class ClaimShareTest {
    private static final List<Integer> TWELVE = IntStream.range(0, 12).boxed().toList();

    @Test
    public void eachOfThreeStartsWithItsOwnThirdAndTakesAtMostIt() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), new ClaimShare(0, 3).order(TWELVE));
        assertEquals(List.of(4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3), new ClaimShare(1, 3).order(TWELVE));
        assertEquals(List.of(8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7), new ClaimShare(2, 3).order(TWELVE));
        assertEquals(4, new ClaimShare(2, 3).limit(12, 100));
        assertEquals("a smaller want stays as it is", 2, new ClaimShare(2, 3).limit(12, 2));
    }

    @Test
    public void anUnevenListGivesTheLastWorkerWhatIsLeft() {
        List<Integer> ten = TWELVE.subList(0, 10);
        assertEquals(List.of(8, 9, 0, 1, 2, 3, 4, 5, 6, 7), new ClaimShare(2, 3).order(ten));
        assertEquals(4, new ClaimShare(2, 3).limit(10, 100));
    }

    @Test
    public void aWorkerAloneOrAShortListIsNotSplit() {
        assertEquals(TWELVE, ClaimShare.ALONE.order(TWELVE));
        assertEquals(100, ClaimShare.ALONE.limit(12, 100));
        List<Integer> few = TWELVE.subList(0, ClaimShare.UNSPLIT);
        assertEquals(few, new ClaimShare(1, 2).order(few));
        assertEquals(100, new ClaimShare(1, 2).limit(few.size(), 100));
    }
}
