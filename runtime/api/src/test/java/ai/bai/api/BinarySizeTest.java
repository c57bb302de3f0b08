package ai.bai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BinarySizeTest {
    @ParameterizedTest
    @CsvSource({"4g, 4294967296", "4G, 4294967296", "4GiB, 4294967296", "4gb, 4294967296", "'4 GiB', 4294967296",
            "1.5g, 1610612736", "256m, 268435456", "1024, 1024", "2k, 2048", "1_024, 1024", ".5k, 512",
            "1t, 1099511627776"})
    void parsesSizesAsTheServerDoes(String text, long bytes) {
        assertEquals(bytes, BinarySize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "4x", "-1g", "1.5", "g", ""})
    void refusesOtherText(String text) {
        assertThrows(IllegalArgumentException.class, () -> BinarySize.parse(text));
    }

    @Test
    void formatsWholeUnits() {
        assertEquals("256m", BinarySize.format(268435456L));
        assertEquals("4g", BinarySize.format(4294967296L));
        assertEquals("1000", BinarySize.format(1000));
    }
}
