package ai.bai.client.sweep

import spock.lang.Specification

class SweepPlanSpec extends Specification {

    static List<RangeOption> opts(String... texts) {
        texts.collect { RangeOption.parse(it) }
    }

    static List<SweepCase> expand(Map args) {
        SweepPlan.expand(opts(*(args.env ?: [])), opts(*(args.build ?: [])), opts(*(args.exec ?: [])),
                (args.environ ?: [:]) as LinkedHashMap<String, String>, args.b as String, args.x as String)
    }

    def "the spec's example expands into 4 sessions with CASENO 1 to 4"() {
        when:
        def cases = expand(env: ['X=case:1,2,3,4'], environ: [CASENO: '$X'])

        then:
        cases*.index() == [0, 1, 2, 3]
        cases*.environ() == [[CASENO: '1'], [CASENO: '2'], [CASENO: '3'], [CASENO: '4']]
        cases*.params() == [[X: '1'], [X: '2'], [X: '3'], [X: '4']]
        cases.every { it.build() == null && it.exec() == null }
    }

    def 'env ranges are outermost, exec innermost, and the last option of a kind varies fastest'() {
        when:
        def cases = expand(env: ['A=case:a1,a2', 'B=case:b1,b2'], build: ['C=case:c1,c2'], exec: ['D=case:d1,d2'],
                environ: [E: '$A/$B'], b: 'make $C', x: 'run $D')

        then:
        def expected = []
        for (a in ['a1', 'a2']) for (b in ['b1', 'b2']) for (c in ['c1', 'c2']) for (d in ['d1', 'd2']) {
            expected << [A: a, B: b, C: c, D: d]
        }
        cases*.params() == expected
        cases*.params()*.keySet()*.toList().every { it == ['A', 'B', 'C', 'D'] }
        cases[0].environ() == [E: 'a1/b1'] && cases[0].build() == 'make c1' && cases[0].exec() == 'run d1'
        cases[1].exec() == 'run d2'
        cases[15].environ() == [E: 'a2/b2'] && cases[15].build() == 'make c2' && cases[15].exec() == 'run d2'
        cases*.index() == (0..15).toList()
    }

    def "'#template' becomes '#expected' in -e values, --build and --exec alike"() {
        when:
        def cases = expand(env: ['X=case:v'], exec: ['LONG=case:w'], environ: [K: template], b: template, x: template)

        then:
        cases.size() == 1
        cases[0].environ() == [K: expected]
        cases[0].build() == expected
        cases[0].exec() == expected

        where:
        template          || expected
        '$X'              || 'v'
        '${X}'            || 'v'
        'a$X-b'           || 'av-b'
        '${X}y'           || 'vy'
        '$Xy'             || '$Xy'
        '$X$X'            || 'vv'
        '$X.$X'           || 'v.v'
        'é$X'             || 'év'
        '$LONG'           || 'w'
        '$LONGER'         || '$LONGER'
        '${LONG}ER'       || 'wER'
        '$$'              || '$'
        '$$X'             || '$X'
        '$$$X'            || '$v'
        '$${X}'           || '${X}'
        '$$$$'            || '$$'
        '$NOPE'           || '$NOPE'
        '${NOPE}'         || '${NOPE}'
        '$_'              || '$_'
        '$'               || '$'
        'a $ b'           || 'a $ b'
        'cost: 5$'        || 'cost: 5$'
        '${X'             || '${X'
        '${'              || '${'
        '${}'             || '${}'
        '${1X}'           || '${1X}'
        '${X }'           || '${X }'
        '$1'              || '$1'
        '$-X'             || '$-X'
        '$é'              || '$é'
        'plain'           || 'plain'
        ''                || ''
    }

    def 'variables of every kind are visible everywhere (upstream crashes on this)'() {
        when:
        def cases = expand(env: ['E=case:e'], build: ['B=case:b'], exec: ['LR=case:0.1,0.2'],
                environ: [LR: '$LR', ALL: '$E$B$LR'], b: 'make $E $B $LR', x: 'python a.py $LR $E $B')

        then:
        cases*.environ() == [[LR: '0.1', ALL: 'eb0.1'], [LR: '0.2', ALL: 'eb0.2']]
        cases*.build() == ['make e b 0.1', 'make e b 0.2']
        cases*.exec() == ['python a.py 0.1 e b', 'python a.py 0.2 e b']
    }

    def 'a key in several kinds: a template sees its own kind first, then env, build, exec'() {
        when:
        def cases = expand(env: ['X=case:e'], exec: ['X=case:x'], environ: [K: '$X'], b: '$X', x: '$X')

        then:
        cases.size() == 1
        cases[0].environ() == [K: 'e']
        cases[0].build() == 'e'
        cases[0].exec() == 'x'
        cases[0].params() == [X: 'x']
    }

    def 'a key repeated within one kind: the last expression wins, in the place of the first'() {
        when:
        def env = opts('X=case:1,2', 'Y=case:a,b', 'X=case:3')
        def cases = SweepPlan.expand(env, [], [], [K: '$X$Y'], null, null)

        then:
        SweepPlan.count(env, [], []) == 2
        cases*.params() == [[X: '3', Y: 'a'], [X: '3', Y: 'b']]
        cases*.params()*.keySet()*.toList() == [['X', 'Y'], ['X', 'Y']]
        cases*.environ() == [[K: '3a'], [K: '3b']]
    }

    def 'identical cases collapse to the first, and indexes stay dense'() {
        when:
        def cases = expand(env: ['X=case:1,2'], exec: ['Y=case:a,b'], environ: [E: '$X'])

        then:
        cases*.index() == [0, 1]
        cases*.params() == [[X: '1', Y: 'a'], [X: '2', Y: 'a']]
        cases*.environ() == [[E: '1'], [E: '2']]

        expect:
        expand(env: ['X=case:a,a,b'], environ: [E: '$X'])*.environ() == [[E: 'a'], [E: 'b']]
        expand(env: ['X=case:1,2'], environ: [E: 'same'], x: 'same').size() == 1
        expand(env: ['X=case:1,2'], x: 'run ${X}')*.exec() == ['run 1', 'run 2']
    }

    def 'without ranges there is one case; -e values still follow the template rules'() {
        when:
        def cases = expand(environ: [PATH: '$PATH', COST: '$$5', Z: ''], b: null, x: 'echo hi')

        then:
        cases.size() == 1
        with(cases[0]) {
            index() == 0
            params() == [:]
            environ() == [PATH: '$PATH', COST: '$5', Z: '']
            environ().keySet().toList() == ['PATH', 'COST', 'Z']
            build() == null
            exec() == 'echo hi'
        }
    }

    def 'count() of #ranges is #count, the size before duplicates are dropped'() {
        expect:
        SweepPlan.count(opts(*env), opts(*build), opts(*exec)) == count
        expand(env: env, build: build, exec: exec, environ: [E: '$A $B'], x: '$C').size() == size

        where:
        env                                   | build            | exec                       || count | size
        []                                    | []               | []                         || 1     | 1
        ['A=case:1,2,3']                      | []               | []                         || 3     | 3
        ['A=range:0,10']                      | ['B=case:x,y']   | ['C=linspace:0,1,5']       || 100   | 100
        ['A=case:1,1']                        | []               | ['C=case:a,b']             || 4     | 2
        []                                    | ['Q=case:1,2,3'] | []                         || 3     | 1
        ['A=case:1,2', 'B=case:1,2,3']        | []               | ['C=range:10,0,-1']        || 60    | 60
        ranges = env + build + exec
    }

    def 'count() saturates instead of overflowing, and expand() refuses what no list can hold'() {
        given:
        def huge = opts(*(1..4).collect { "K$it=range:0,2000000000" as String })

        expect:
        SweepPlan.count(huge, [], []) == Long.MAX_VALUE
        SweepPlan.count(opts('A=range:0,2000000000', 'B=range:0,2'), [], []) == 4_000_000_000L

        when:
        SweepPlan.expand(opts('A=range:0,2000000000', 'B=range:0,2'), [], [], [:], null, null)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'the ranges give 4000000000 combinations, more than 2147483639 cases can be run'
    }

    def 'cases are immutable'() {
        given:
        def c = expand(env: ['X=case:1'], environ: [E: '$X'])[0]

        when:
        c.environ().put('F', 'x')

        then:
        thrown(UnsupportedOperationException)

        when:
        c.params().put('Y', 'x')

        then:
        thrown(UnsupportedOperationException)
    }

    def 'a 100,000-case sweep expands (loose bound; the real timing is a benchmark)'() {
        given:
        def env = opts('A=range:0,100')
        def build = opts('B=linspace:0,1,100')
        def exec = opts('C=case:0,1,2,3,4,5,6,7,8,9')

        when:
        long t0 = System.nanoTime()
        def cases = SweepPlan.expand(env, build, exec, [A: '$A', LR: 'lr=${B}', FIXED: 'x'], 'make B=$B',
                'python train.py --a $A --b ${B} --c $C')
        long ms = (System.nanoTime() - t0).intdiv(1_000_000)

        then:
        SweepPlan.count(env, build, exec) == 100_000
        cases.size() == 100_000
        cases[99_999].index() == 99_999
        cases[99_999].exec() == 'python train.py --a 99 --b 1.0 --c 9'
        cases[12_345].params() == [A: '12', B: '0.3434343434343434', C: '5']
        ms < 5000
    }

    def 'property: for random small ranges, every distinct combination is one case with params from the ranges'() {
        given:
        def random = new Random(seed)

        expect:
        (1..200).every { randomSweepHolds(random) }

        where:
        seed << [1L, 2L, 3L, 42L]
    }

    private static boolean randomSweepHolds(Random random) {
        def alphabet = ['a', 'b', 'c', '1', '']
        def kinds = [[], [], []]
        Map<String, List<String>> values = [:]
        random.nextInt(5).times { k ->
            def items = (1..(1 + random.nextInt(3))).collect { alphabet[random.nextInt(alphabet.size())] }
            kinds[random.nextInt(3)] << RangeOption.parse("V$k=case:${items.join(',')}")
            values["V$k" as String] = items
        }
        // every variable appears, separated, so distinct value tuples give distinct cases
        def template = values.keySet().collect { '${' + it + '}' }.join('|')
        def cases = SweepPlan.expand(kinds[0], kinds[1], kinds[2], [T: template], null,
                random.nextBoolean() ? template : null)
        long distinct = values.values().inject(1L) { n, items -> Math.multiplyExact(n, (long) (items as Set).size()) }
        long count = SweepPlan.count(kinds[0], kinds[1], kinds[2])
        assert count == values.values().inject(1L) { n, items -> Math.multiplyExact(n, (long) items.size()) }
        assert cases.size() == Math.min(count, distinct)
        assert cases*.index() == (0..<cases.size()).toList()
        assert cases.every { c -> c.params().keySet() == values.keySet() && c.params().every { k, v -> v in values[k] } }
        assert cases.collect { it.environ().T }.toSet().size() == cases.size()
        assert cases.every { c -> c.environ().T == values.keySet().collect { k -> c.params()[k] }.join('|') }
        true
    }
}
