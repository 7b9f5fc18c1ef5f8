// The chunk LazyBarChart loads: Mantine's BarChart and its styles.
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';

export default BarChart;
