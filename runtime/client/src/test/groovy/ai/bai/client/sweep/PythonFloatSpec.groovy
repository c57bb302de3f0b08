package ai.bai.client.sweep

import spock.lang.Specification

/** PythonFloat.repr must print what CPython's repr(float) prints; the expected strings come from CPython 3. */
class PythonFloatSpec extends Specification {

    def 'repr(#value) is #expected'() {
        expect:
        PythonFloat.repr(value) == expected

        where:
        value                              || expected
        0.1d + 0.2d                        || '0.30000000000000004'
        1e16d                              || '1e+16'
        9999999999999998d                  || '9999999999999998.0'
        1e15d                              || '1000000000000000.0'
        1e-5d                              || '1e-05'
        123456789012345.6d                 || '123456789012345.6'
        0.0001d                            || '0.0001'
        0.00009999999999999999d            || '9.999999999999999e-05'
        0.0d                               || '0.0'
        -0.0d                              || '-0.0'
        Double.POSITIVE_INFINITY           || 'inf'
        Double.NEGATIVE_INFINITY           || '-inf'
        Double.NaN                         || 'nan'
        1d / 3d                            || '0.3333333333333333'
        2d / 3d                            || '0.6666666666666666'
        2.5e-7d                            || '2.5e-07'
        1.0d                               || '1.0'
        -1.5d                              || '-1.5'
        10.0d                              || '10.0'
        123.0d                             || '123.0'
        1e7d                               || '10000000.0'
        0.001d                             || '0.001'
        1e22d                              || '1e+22'
        2e23d                              || '2e+23'
        1.5e300d                           || '1.5e+300'
        -1.5e-300d                         || '-1.5e-300'
        1e100d                             || '1e+100'
        Double.MAX_VALUE                   || '1.7976931348623157e+308'
        Double.MIN_NORMAL                  || '2.2250738585072014e-308'
        Double.MIN_VALUE                   || '5e-324'
        2 * Double.MIN_VALUE               || '1e-323'
        3 * Double.MIN_VALUE               || '1.5e-323'
        4.35d                              || '4.35'
    }
}
