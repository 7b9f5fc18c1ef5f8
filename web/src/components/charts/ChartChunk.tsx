// The chunk LazyCharts loads: Mantine's charts and their styles.
import '@mantine/charts/styles.css';

export { AreaChart, BarChart } from '@mantine/charts';
