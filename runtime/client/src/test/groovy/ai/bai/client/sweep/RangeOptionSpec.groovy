package ai.bai.client.sweep

import spock.lang.Specification

class RangeOptionSpec extends Specification {
    static final String ACCEPTED = 'case:A,B,..., linspace:START,STOP,POINTS, range:START,STOP[,STEP]'

    def "'#text' expands to #values"() {
        when:
        def option = RangeOption.parse(text)

        then:
        option.key() == key
        option.expr().values() == values
        option.expr().size() == values.size()

        where:
        text                         || key    | values
        'X=case:1,2,3,4'             || 'X'    | ['1', '2', '3', '4']
        'X=case:a,,b'                || 'X'    | ['a', '', 'b']
        'X=case: a , b'              || 'X'    | [' a ', ' b']
        'X=case:'                    || 'X'    | ['']
        'X=case:a,'                  || 'X'    | ['a', '']
        'X=case:a=b:c'               || 'X'    | ['a=b:c']
        '_x9=case:v'                 || '_x9'  | ['v']
        'lr=linspace:1,2,3'          || 'lr'   | ['1.0', '1.5', '2.0']
        'X=linspace:0,1,4'           || 'X'    | ['0.0', '0.3333333333333333', '0.6666666666666666', '1.0']
        'X=linspace:0.1,0.5,5'       || 'X'    | ['0.1', '0.2', '0.3', '0.4', '0.5']
        'X=linspace:1,10,10'         || 'X'    | (1..10).collect { "${it}.0" as String }
        'X=linspace:5,7,1'           || 'X'    | ['5.0']
        'X=linspace:2,1,3'           || 'X'    | ['2.0', '1.5', '1.0']
        'X=linspace:-1,1,3'          || 'X'    | ['-1.0', '0.0', '1.0']
        'X=linspace:0,0,2'           || 'X'    | ['0.0', '0.0']
        'X=linspace:1e-5,2e-5,2'     || 'X'    | ['1e-05', '2e-05']
        'X=linspace:0,1e16,2'        || 'X'    | ['0.0', '1e+16']
        'X=linspace: 1 , 2 , 2 '     || 'X'    | ['1.0', '2.0']
        'X=range:1,6,2'              || 'X'    | ['1', '3', '5']
        'X=range:1,10,2'             || 'X'    | ['1', '3', '5', '7', '9']
        'X=range:0,3'                || 'X'    | ['0', '1', '2']
        'X=range:5,1,-1'             || 'X'    | ['5', '4', '3', '2']
        'X=range:5,0,-2'             || 'X'    | ['5', '3', '1']
        'X=range:-3,0'               || 'X'    | ['-3', '-2', '-1']
        'X=range:0,1,100'            || 'X'    | ['0']
        'X=range:+1,3'               || 'X'    | ['1', '2']
    }

    def 'linspace reaches STOP exactly and spaces values by exact decimals'() {
        when:
        def expr = RangeOption.parse('X=linspace:0,1,4').expr() as RangeExpr.Linspace

        then:
        expr.value(3) == 1G
        expr.value(1) == new BigDecimal('0.3333333333333333333333333333333333')
        expr.points() == 4
    }

    def 'a long range costs no memory: values are computed on access'() {
        when:
        def expr = RangeOption.parse('X=range:0,2000000000').expr()

        then:
        expr.size() == 2_000_000_000
        expr.values()[1_999_999_999] == '1999999999'
        expr.values().size() == 2_000_000_000
    }

    def 'range works at the ends of long'() {
        expect:
        RangeOption.parse("X=range:${Long.MAX_VALUE - 1},${Long.MAX_VALUE}").expr().values() == ["${Long.MAX_VALUE - 1}"]
        RangeOption.parse("X=range:${Long.MIN_VALUE},${Long.MAX_VALUE},${Long.MAX_VALUE}").expr().values() ==
                ["${Long.MIN_VALUE}", '-1', "${Long.MAX_VALUE - 1}"]
    }

    def "'#text' is rejected: #reason"() {
        when:
        RangeOption.parse(text)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "invalid range '${text}': ${reason}"
        !e.message.contains('\n')

        where:
        text                   || reason
        'X=linspace:1,2'       || 'linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)'
        'X=linspace:1,2,3,4'   || 'linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)'
        'X=linspace:'          || 'linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)'
        'X=linspace:a,2,3'     || "the START of linspace is not a number: 'a'; linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)"
        'X=linspace:1,,3'      || "the STOP of linspace is not a number: ''; linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)"
        'X=linspace:1,2,x'     || "the POINTS is not an integer: 'x'; linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)"
        'X=linspace:1,2,2.5'   || "the POINTS is not an integer: '2.5'; linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)"
        'X=linspace:1,2,9999999999' || "the POINTS '9999999999' is out of range; linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)"
        'X=linspace:1,2,0'     || 'the POINTS of linspace must be at least 1, got 0'
        'X=linspace:1,2,-3'    || 'the POINTS of linspace must be at least 1, got -3'
        'X=linspace:0,1e400,2' || 'the ends of linspace must fit a double (about ±1.8e308)'
        'X=range:1'            || 'range needs START,STOP[,STEP] (e.g. range:1,6,2)'
        'X=range:1,2,3,4'      || 'range needs START,STOP[,STEP] (e.g. range:1,6,2)'
        'X=range:1,6,0'        || 'the step of range must not be 0'
        'X=range:a,6'          || "the START is not an integer: 'a'; range needs START,STOP[,STEP] (e.g. range:1,6,2)"
        'X=range:1,6.5'        || "the STOP is not an integer: '6.5'; range needs START,STOP[,STEP] (e.g. range:1,6,2)"
        'X=range:1,6,two'      || "the STEP is not an integer: 'two'; range needs START,STOP[,STEP] (e.g. range:1,6,2)"
        'X=range:1,99999999999999999999' || "the STOP '99999999999999999999' is out of range; range needs START,STOP[,STEP] (e.g. range:1,6,2)"
        'X=range:5,1'          || 'it expands to no values (START must be below STOP for a positive STEP and above it for a negative one)'
        'X=range:1,5,-1'       || 'it expands to no values (START must be below STOP for a positive STEP and above it for a negative one)'
        'X=range:3,3'          || 'it expands to no values (START must be below STOP for a positive STEP and above it for a negative one)'
        'X=range:0,3000000000' || 'it expands to more than 2147483647 values'
        'X=foo:1,2'            || "unknown type 'foo'; accepted: ${ACCEPTED}"
        'X=Case:1,2'           || "unknown type 'Case'; accepted: ${ACCEPTED}"
        'X=:1,2'               || "unknown type ''; accepted: ${ACCEPTED}"
        '1X=case:a'            || 'the key must be an identifier (letters, digits and _, not starting with a digit)'
        '=case:a'              || 'the key must be an identifier (letters, digits and _, not starting with a digit)'
        'a-b=case:a'           || 'the key must be an identifier (letters, digits and _, not starting with a digit)'
        'é=case:a'             || 'the key must be an identifier (letters, digits and _, not starting with a digit)'
        'X case:a'             || "expected KEY=TYPE:ARGS with TYPE:ARGS one of ${ACCEPTED}"
        ''                     || "expected KEY=TYPE:ARGS with TYPE:ARGS one of ${ACCEPTED}"
        'X=1,2,3'              || "expected TYPE:ARGS after '=', one of ${ACCEPTED}"
    }

    def 'a newline in the text does not break the one-line message'() {
        when:
        RangeOption.parse('X=foo\n:1')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "invalid range 'X=foo\\n:1': unknown type 'foo\\n'; accepted: ${ACCEPTED}"
    }

    def 'the records check their invariants when built directly'() {
        when:
        build()

        then:
        def e = thrown(IllegalArgumentException)
        e.message == reason

        where:
        reason                                                                              || build
        'the step of range must not be 0'                                                   || { -> new RangeExpr.Range(1, 6, 0) }
        'the POINTS of linspace must be at least 1, got 0'                                  || { -> new RangeExpr.Linspace(1G, 2G, 0) }
        'it expands to no values'                                                           || { -> new RangeExpr.Cases([]) }
        'the key must be an identifier (letters, digits and _, not starting with a digit)' || { -> new RangeOption('9', new RangeExpr.Cases(['a'])) }
    }

    def 'records are immutable'() {
        given:
        def items = ['a', 'b']
        def cases = new RangeExpr.Cases(items)

        when:
        items << 'c'

        then:
        cases.values() == ['a', 'b']

        when:
        cases.values() << 'd'

        then:
        thrown(UnsupportedOperationException)

        when:
        new RangeExpr.Range(0, 3, 1).values() << '3'

        then:
        thrown(UnsupportedOperationException)
    }
}
