import ai.bai.client.sweep.RangeOption;
import ai.bai.client.sweep.SweepPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times the expansion and validation of 100,000 cases (parse three ranges, count, expand with interpolation)
 * in one JVM, after a warm-up; prints the median of the runs in milliseconds. Run by bench/sweep.py.
 */
public class SweepExpansion {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs + 2; i++) {
            long t0 = System.nanoTime();
            var env = List.of(RangeOption.parse("A=range:0,100"));
            var build = List.of(RangeOption.parse("B=linspace:0,1,100"));
            var exec = List.of(RangeOption.parse("C=case:x,y,z,w,v,u,t,s,r,q"));
            long count = SweepPlan.count(env, build, exec);
            var cases = SweepPlan.expand(env, build, exec, Map.of("CASE", "$A-$B-$C"), "make B=$B",
                    "python train.py --a $A --b ${B} --c $C");
            double ms = (System.nanoTime() - t0) / 1e6;
            if (cases.size() != 100_000 || count != 100_000) {
                throw new IllegalStateException("expected 100000 cases, got " + cases.size());
            }
            if (i >= 2) {
                times.add(ms);
            }
        }
        times.sort(null);
        System.out.printf("%.1f%n", times.get(times.size() / 2));
    }
}
